package dev.prism.connectors.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A vector on the compacted {@code prism.vectors} topic (key = id; a tombstone deletes). Carries
 * everything the index needs: model, metadata, tags, the version that orders updates of one id, and the
 * source record it was made from. Images may carry a small JPEG thumbnail; text documents carry their
 * text (optional), so the index can offer BM25 and hybrid search.
 */
public record VectorRecord(
        String id,
        Modality modality,
        String modelId,
        float[] vector,
        Map<String, Object> metadata,
        List<Tag> tags,
        long version,
        SourceRef source,
        byte[] thumbnail,
        String text) {

    /** One zero-shot tag: from which label set (name@version), label, calibrated probability, raw cosine. */
    public record Tag(String labelSet, String label, double probability, double cosine) {}

    public VectorRecord {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A record without the source text (images, or producers that do not send it). */
    public VectorRecord(String id, Modality modality, String modelId, float[] vector, Map<String, Object> metadata, List<Tag> tags,
                        long version, SourceRef source, byte[] thumbnail) {
        this(id, modality, modelId, vector, metadata, tags, version, source, thumbnail, null);
    }

    public int dim() {
        return vector.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorRecord r && id.equals(r.id) && modality == r.modality && modelId.equals(r.modelId)
                && Arrays.equals(vector, r.vector) && metadata.equals(r.metadata) && tags.equals(r.tags)
                && version == r.version && Objects.equals(source, r.source) && Arrays.equals(thumbnail, r.thumbnail)
                && Objects.equals(text, r.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, modality, modelId, Arrays.hashCode(vector), metadata, tags, version, source, Arrays.hashCode(thumbnail), text);
    }

    @Override
    public String toString() {
        return "VectorRecord[" + id + " " + modality.wireName() + " " + modelId + " dim=" + vector.length + " v=" + version + "]";
    }
}
