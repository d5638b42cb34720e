package dev.prism.encoders.batch;

import java.time.Duration;

/**
 * Dynamic batching limits: a batch closes when it holds {@code maxBatchSize} items or when its oldest
 * item has waited {@code maxDelay}; at most {@code maxInFlight} items are queued or running, and callers
 * beyond that block (backpressure instead of an unbounded queue).
 */
public record BatcherConfig(int maxBatchSize, Duration maxDelay, int maxInFlight) {
    public static final BatcherConfig DEFAULT = new BatcherConfig(32, Duration.ofMillis(5), 1024);

    public BatcherConfig {
        if (maxBatchSize < 1 || maxBatchSize > 4096) {
            throw new IllegalArgumentException("maxBatchSize must be in [1, 4096], got " + maxBatchSize);
        }
        if (maxDelay == null || maxDelay.isNegative() || maxDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("maxDelay must be in [0, 10s], got " + maxDelay);
        }
        if (maxInFlight < maxBatchSize) {
            throw new IllegalArgumentException("maxInFlight must be >= maxBatchSize (" + maxBatchSize + "), got " + maxInFlight);
        }
    }
}
