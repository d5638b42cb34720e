package dev.prism.connectors.wire;

import java.util.Map;

/**
 * A document event on {@code prism.text} / {@code prism.images} (key = id). Exactly one of {@code text} and
 * {@code image} is set for an upsert; neither for a delete. {@code ts} and {@code version} are optional:
 * without a version, the record's timestamp (then partition and offset) orders updates of one id.
 */
public record DocumentEvent(String id, Op op, String text, ImageRef image, Map<String, Object> metadata, Long ts, Long version) {
    public enum Op { UPSERT, DELETE }

    public DocumentEvent {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static DocumentEvent text(String id, String text, Map<String, Object> metadata) {
        return new DocumentEvent(id, Op.UPSERT, text, null, metadata, null, null);
    }

    public static DocumentEvent image(String id, ImageRef image, Map<String, Object> metadata) {
        return new DocumentEvent(id, Op.UPSERT, null, image, metadata, null, null);
    }

    public static DocumentEvent delete(String id) {
        return new DocumentEvent(id, Op.DELETE, null, null, Map.of(), null, null);
    }

    public Modality modality() {
        return image != null ? Modality.IMAGE : Modality.TEXT;
    }

    public boolean isDelete() {
        return op == Op.DELETE;
    }
}
