package dev.prism.connectors.kafka;

import java.util.List;
import java.util.Map;

/**
 * Prism's topics with their default names and cleanup policies: vectors and label sets are compacted
 * (latest value per key is the state); documents, tags and dead letters are retained logs.
 */
public record PrismTopics(String text, String images, String vectors, String labelSets, String tags, String dlq) {
    public static final PrismTopics DEFAULT = new PrismTopics("prism.text", "prism.images", "prism.vectors",
            "prism.labelsets", "prism.tags", "prism.dlq");

    public List<String> all() {
        return List.of(text, images, vectors, labelSets, tags, dlq);
    }

    public static final int MAX_DOCUMENT_RECORD_BYTES = 30 * 1000 * 1000;

    /** Topic configuration Prism needs for each topic. */
    public Map<String, String> configFor(String topic) {
        if (topic.equals(vectors) || topic.equals(labelSets)) {
            return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");
        }
        if (topic.equals(text) || topic.equals(images)) {
            // room for a 20 MB image as base64 inside its JSON envelope
            return Map.of("cleanup.policy", "delete", "max.message.bytes", Integer.toString(MAX_DOCUMENT_RECORD_BYTES));
        }
        return Map.of("cleanup.policy", "delete");
    }
}
