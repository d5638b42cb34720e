package dev.prism.flinkjobs.pipeline;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import java.util.Map;

/**
 * A document on its way through the IngestJob. One type for every stage keeps the operators small and the
 * serializer single: {@link Action} says what the next stage must do, payload fields are dropped as soon
 * as they are no longer needed (image bytes do not travel past the encoder).
 *
 * <p>Order of updates for one id: {@code (version, offset)} — {@code version} is the event's explicit
 * version or else the Kafka record timestamp; ties are broken by the source offset.
 */
public record PipelineDoc(
        String id,
        Action action,
        Modality modality,
        String text,
        byte[] image,
        String imageUri,
        Map<String, Object> metadata,
        long version,
        SourceRef source,
        long createdAtMillis,
        String contentHash,
        float[] vector,
        byte[] thumbnail,
        String modelId,
        DeadLetter failure) {

    public enum Action {
        /** Content must be encoded. */
        ENCODE,
        /** Content unchanged since the stored version: reuse the stored vector (metadata may have changed). */
        REUSE,
        /** Delete the document. */
        DELETE,
        /** Encoded: {@code vector} (and {@code thumbnail} for images) are set. */
        ENCODED,
        /** Encoding failed for this item's own reason: {@code failure} holds the dead letter. */
        FAILED
    }

    public PipelineDoc {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** True when this update is newer than the stored (version, offset). */
    public boolean isNewerThan(long storedVersion, long storedOffset) {
        return version > storedVersion || (version == storedVersion && source.offset() > storedOffset);
    }

    /** Image bytes are dropped; text is kept, because the vector record carries it for BM25. */
    public PipelineDoc reuse() {
        return new PipelineDoc(id, Action.REUSE, modality, text, null, null, metadata, version, source, createdAtMillis, contentHash,
                null, null, null, null);
    }

    public PipelineDoc encoded(float[] newVector, byte[] newThumbnail, String newModelId) {
        return new PipelineDoc(id, Action.ENCODED, modality, text, null, null, metadata, version, source, createdAtMillis,
                contentHash, newVector, newThumbnail, newModelId, null);
    }

    public PipelineDoc withVector(float[] storedVector, byte[] storedThumbnail, String storedModelId) {
        return encoded(storedVector, storedThumbnail, storedModelId);
    }

    public PipelineDoc failed(DeadLetter letter) {
        return new PipelineDoc(id, Action.FAILED, modality, null, null, null, metadata, version, source, createdAtMillis,
                contentHash, null, null, null, letter);
    }
}
