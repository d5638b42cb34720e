package dev.prism.connectors.embedded;

import static dev.prism.connectors.KafkaTestClient.readAll;
import static dev.prism.connectors.KafkaTestClient.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.KafkaTestClient;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.kafka.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
    @TempDir
    Path dir;

    @Test
    void createsPrismTopicsWithTheirCleanupPolicies() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir); TopicAdmin admin = new TopicAdmin(kafka.bootstrapServers())) {
            admin.createTopics(PrismTopics.DEFAULT, 2, (short) 1, Map.of());
            admin.createTopics(PrismTopics.DEFAULT, 2, (short) 1, Map.of()); // idempotent
            assertThat(admin.topicConfig("prism.vectors")).containsEntry("cleanup.policy", "compact");
            assertThat(admin.topicConfig("prism.labelsets")).containsEntry("cleanup.policy", "compact");
            assertThat(admin.topicConfig("prism.text")).containsEntry("cleanup.policy", "delete");
            assertThat(admin.topicConfig("prism.dlq")).containsEntry("cleanup.policy", "delete");
            assertThat(admin.brokerTransactionMaxTimeoutMs()).isEqualTo(900_000L);
        }
    }

    @Test
    void restartOnTheSameFolderKeepsDataAndAddress() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(dir);
        String bootstrap = kafka.bootstrapServers();
        try (TopicAdmin admin = new TopicAdmin(bootstrap)) {
            admin.createTopic("t", 1, Map.of());
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(record("t", "k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
        KafkaTestClient.produce(bootstrap, "t", records);
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();

        kafka.restart();
        try {
            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            List<ConsumerRecord<byte[], byte[]>> read = readAll(bootstrap, "t");
            assertThat(read).hasSize(100);
            assertThat(new String(read.get(99).value(), StandardCharsets.UTF_8)).isEqualTo("v99");
        } finally {
            kafka.close();
        }
        // and a brand-new instance on the same folder, as after a crash of the owning process
        try (EmbeddedKafka again = EmbeddedKafka.start(dir)) {
            assertThat(readAll(again.bootstrapServers(), "t")).hasSize(100);
        }
    }

    @Test
    void compactedTopicKeepsTheLatestValuePerKey() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir); TopicAdmin admin = new TopicAdmin(kafka.bootstrapServers())) {
            admin.createTopic("compacted", 1, Map.of("cleanup.policy", "compact", "segment.ms", "100",
                    "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "100", "min.compaction.lag.ms", "0"));
            Map<String, String> latest = new LinkedHashMap<>();
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int key = 0; key < 10; key++) {
                    String value = "k" + key + "-r" + round;
                    records.add(record("compacted", "k" + key, value.getBytes(StandardCharsets.UTF_8)));
                    latest.put("k" + key, value);
                }
            }
            KafkaTestClient.produce(kafka.bootstrapServers(), "compacted", records);
            long deadline = System.currentTimeMillis() + 60_000;
            List<ConsumerRecord<byte[], byte[]>> read;
            int roll = 0;
            do {
                Thread.sleep(300);
                // a write to another key rolls the active segment so the updates above become cleanable
                KafkaTestClient.produce(kafka.bootstrapServers(), "compacted",
                        List.of(record("compacted", "roll", ("r" + roll++).getBytes(StandardCharsets.UTF_8))));
                read = readAll(kafka.bootstrapServers(), "compacted");
            } while (read.stream().filter(r -> !new String(r.key(), StandardCharsets.UTF_8).equals("roll")).count() > 10
                    && System.currentTimeMillis() < deadline);
            Map<String, String> seen = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : read) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (!key.equals("roll")) {
                    assertThat(seen).as("one record left per key").doesNotContainKey(key);
                    seen.put(key, new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            assertThat(seen).isEqualTo(latest);
        }
    }
}
