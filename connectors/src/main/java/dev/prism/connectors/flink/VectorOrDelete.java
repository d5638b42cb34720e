package dev.prism.connectors.flink;

import dev.prism.connectors.wire.VectorRecord;

/** What goes to the vector topic: a vector record, or (record == null) a delete of {@code id}. */
public record VectorOrDelete(String id, VectorRecord record) {
    public static VectorOrDelete upsert(VectorRecord record) {
        return new VectorOrDelete(record.id(), record);
    }

    public static VectorOrDelete delete(String id) {
        return new VectorOrDelete(id, null);
    }
}
