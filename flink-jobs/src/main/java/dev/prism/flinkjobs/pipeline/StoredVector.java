package dev.prism.flinkjobs.pipeline;

/**
 * What the commit stage remembers per id: the newest committed (version, offset), and for a live document
 * its content hash, vector, thumbnail and model — so metadata-only updates reuse the vector.
 */
public record StoredVector(long version, long offset, boolean deleted, String contentHash, float[] vector, byte[] thumbnail,
                           String modelId) {}
