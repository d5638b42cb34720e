package dev.prism.index.store;

import java.time.Duration;

/**
 * How the Lucene index is built and committed: HNSW graph degree (M) and construction beam width, optional
 * int8 scalar quantisation, NRT refresh interval, and the commit policy (every N ms or N documents).
 */
public record IndexSettings(int hnswM, int beamWidth, boolean int8, Duration refreshInterval, Duration commitInterval,
                            int commitEveryDocs) {
    public static final IndexSettings DEFAULT = new IndexSettings(16, 100, false, Duration.ofMillis(100), Duration.ofSeconds(5), 10_000);

    public IndexSettings {
        if (hnswM < 2 || hnswM > 512) {
            throw new IllegalArgumentException("hnsw M must be in [2, 512], got " + hnswM);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("beam width must be in [1, 3200], got " + beamWidth);
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refresh interval must be > 0, got " + refreshInterval);
        }
        if (commitEveryDocs < 1) {
            throw new IllegalArgumentException("commit every docs must be >= 1, got " + commitEveryDocs);
        }
    }

    public IndexSettings withInt8(boolean quantize) {
        return new IndexSettings(hnswM, beamWidth, quantize, refreshInterval, commitInterval, commitEveryDocs);
    }
}
