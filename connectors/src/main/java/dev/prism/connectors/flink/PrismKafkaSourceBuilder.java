package dev.prism.connectors.flink;

import dev.prism.connectors.kafka.ParsedDocument;
import dev.prism.connectors.wire.DocumentLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Builds the document source with safe defaults: {@code read_committed} (never read aborted
 * transactions), committed group offsets with earliest as fallback, the never-throwing deserializer.
 * {@code set*} = required, {@code opt*} = optional; everything is checked in {@link #build()}.
 */
public final class PrismKafkaSourceBuilder {
    private String bootstrapServers;
    private final List<String> topics = new ArrayList<>();
    private String groupId;
    private DocumentLimits limits = DocumentLimits.DEFAULT;
    private int maxDlqPayloadBytes = 4096;
    private boolean fromEarliest;
    private final Properties extra = new Properties();

    PrismKafkaSourceBuilder() {}

    public static PrismKafkaSourceBuilder builder() {
        return new PrismKafkaSourceBuilder();
    }

    public PrismKafkaSourceBuilder setBootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    public PrismKafkaSourceBuilder setTopics(List<String> names) {
        topics.clear();
        topics.addAll(names);
        return this;
    }

    public PrismKafkaSourceBuilder setGroupId(String id) {
        this.groupId = id;
        return this;
    }

    public PrismKafkaSourceBuilder optLimits(DocumentLimits documentLimits) {
        this.limits = documentLimits;
        return this;
    }

    public PrismKafkaSourceBuilder optMaxDlqPayloadBytes(int bytes) {
        this.maxDlqPayloadBytes = bytes;
        return this;
    }

    /** Ignore committed offsets and read every topic from the beginning. */
    public PrismKafkaSourceBuilder optFromEarliest(boolean earliest) {
        this.fromEarliest = earliest;
        return this;
    }

    /** Any other consumer property; {@code isolation.level} cannot be weakened. */
    public PrismKafkaSourceBuilder optProperty(String key, String value) {
        extra.setProperty(key, value);
        return this;
    }

    public KafkaSource<ParsedDocument> build() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be set");
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("at least one topic must be set");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("group id must be set (it names the committed offsets)");
        }
        if (maxDlqPayloadBytes < 0 || maxDlqPayloadBytes > 1_000_000) {
            throw new IllegalArgumentException("maxDlqPayloadBytes must be in [0, 1000000], got " + maxDlqPayloadBytes);
        }
        String isolation = extra.getProperty("isolation.level", "read_committed");
        if (!isolation.equals("read_committed")) {
            throw new IllegalArgumentException("isolation.level must be read_committed, got '" + isolation
                    + "': reading uncommitted data would index records of aborted transactions");
        }
        Properties props = new Properties();
        props.putAll(extra);
        props.setProperty("isolation.level", "read_committed");
        return KafkaSource.<ParsedDocument>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(fromEarliest ? OffsetsInitializer.earliest()
                        : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new DocumentDeserializationSchema(limits, maxDlqPayloadBytes))
                .setProperties(props)
                .build();
    }
}
