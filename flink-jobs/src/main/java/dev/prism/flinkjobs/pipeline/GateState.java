package dev.prism.flinkjobs.pipeline;

/**
 * What the version gate remembers per id: the newest (version, offset) seen, whether it was a delete,
 * the content hash of the newest upsert, and the model spec it was encoded with.
 */
public record GateState(long version, long offset, boolean deleted, String contentHash, String modelSpec) {}
