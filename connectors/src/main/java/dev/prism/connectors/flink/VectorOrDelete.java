package dev.prism.connectors.flink;

import dev.prism.connectors.wire.VectorRecord;

/**
 * What goes to the vector topic: a vector record, or (record == null) a delete of {@code id}. A delete keeps
 * the version and source offset of the delete event; they travel as Kafka headers on the tombstone
 * ({@link #VERSION_HEADER}, {@link #OFFSET_HEADER}) so readers can order it against replayed older upserts.
 */
public record VectorOrDelete(String id, VectorRecord record, long deleteVersion, long deleteOffset) {
    public static final String VERSION_HEADER = "prism.version";
    public static final String OFFSET_HEADER = "prism.source.offset";

    public static VectorOrDelete upsert(VectorRecord record) {
        return new VectorOrDelete(record.id(), record, -1, -1);
    }

    public static VectorOrDelete delete(String id, long version, long sourceOffset) {
        return new VectorOrDelete(id, null, version, sourceOffset);
    }
}
