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

    /** Topic configuration Prism needs for each topic. */
    public Map<String, String> configFor(String topic) {
        if (topic.equals(vectors) || topic.equals(labelSets)) {
            return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");
        }
        return Map.of("cleanup.policy", "delete");
    }
}
