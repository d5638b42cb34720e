package dev.prism.encoders.batch;

/** Counters of a batcher since it started; a snapshot, cheap to read. */
public record BatchStats(long batches, long items, long failedItems, long splits, long maxBatchSeen) {
    public double meanBatchSize() {
        return batches == 0 ? 0 : (double) items / batches;
    }
}
