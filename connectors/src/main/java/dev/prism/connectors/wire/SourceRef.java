package dev.prism.connectors.wire;

/** Where a record came from: Kafka topic, partition and offset (and key, for dead letters). */
public record SourceRef(String topic, int partition, long offset, String key) {
    public SourceRef withoutKey() {
        return new SourceRef(topic, partition, offset, null);
    }
}
