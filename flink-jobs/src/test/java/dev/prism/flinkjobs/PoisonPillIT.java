package dev.prism.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.ImageRef;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.flinkjobs.config.IngestJobConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** 100 bad records among 5,000: exactly 4,900 vectors and 100 dead letters with their origin; no restarts. */
class PoisonPillIT extends PipelineITBase {
    /** Malformed values of every class the connectors recognise, plus images that do not decode. */
    static List<String> badTextValues(String id) {
        return List.of(
                "{\"v\":1,", "", "[1,2]", "\"hello\"", "{\"id\":\"" + id + "\",\"text\":\"t\"}",
                "{\"v\":\"1\",\"id\":\"" + id + "\",\"text\":\"t\"}", "{\"v\":2,\"id\":\"" + id + "\",\"text\":\"t\"}",
                "{\"v\":1,\"text\":\"t\"}", "{\"v\":1,\"id\":7,\"text\":\"t\"}", "{\"v\":1,\"id\":\"" + id + "\",\"op\":\"merge\",\"text\":\"t\"}",
                "{\"v\":1,\"id\":\"" + id + "\",\"text\":\"t\",\"image\":{\"uri\":\"https://x/y.jpg\"}}", "{\"v\":1,\"id\":\"" + id + "\"}",
                "{\"v\":1,\"id\":\"" + id + "\",\"text\":{\"t\":1}}", "{\"v\":1,\"id\":\"" + id + "\",\"text\":\"" + "w".repeat(100_001) + "\"}",
                "{\"v\":1,\"id\":\"" + id + "\",\"image\":\"cat.jpg\"}", "{\"v\":1,\"id\":\"" + id + "\",\"image\":{\"b64\":\"!!!!\"}}",
                "{\"v\":1,\"id\":\"" + id + "\",\"image\":{\"uri\":\"ftp://h/x.jpg\"}}", "{\"v\":1,\"id\":\"" + id + "\",\"txt\":\"t\"}",
                "{\"v\":1,\"id\":\"" + id + "\",\"text\":\"t\",\"metadata\":{\"a\":{\"b\":1}}}",
                "{\"v\":1,\"id\":\"" + id + "\",\"text\":\"t\",\"ts\":-5}", "{\"v\":1,\"id\":\"" + id + "\",\"text\":\"t\",\"version\":1.5}",
                "{\"v\":1,\"id\":\"" + id + "\",\"op\":\"delete\",\"text\":\"t\"}");
    }

    @Test
    void badRecordsBecomeDeadLettersWithOriginAndNothingRestarts() throws Exception {
        PrismTopics topics = harness.topics("poison");
        IngestJobConfig config = harness.config("poison", topics, clipModel, 2);
        JobID job = harness.submit(config, null);
        Random random = new Random(5);
        byte[] goodJpeg = Workload.image(1);
        byte[] truncated = java.util.Arrays.copyOf(goodJpeg, goodJpeg.length / 2);
        byte[] badCrc = Workload.image(2).clone();
        badCrc[40] ^= 0x5a;
        byte[] notAnImage = "plain text pretending to be an image".getBytes(StandardCharsets.UTF_8);

        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Set<String> expectedIds = new HashSet<>();
        List<Integer> badIndexes = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < 5000; i++) {
            boolean poison = bad < 100 && random.nextInt(50) == 0 || (5000 - i) <= (100 - bad);
            String id = "p" + i;
            if (poison) {
                badIndexes.add(i);
                if (bad % 10 < 7) {
                    List<String> values = badTextValues(id);
                    records.add(record(topics.text(), bad % 3 == 0 ? null : id, values.get(bad % values.size()).getBytes(StandardCharsets.UTF_8)));
                } else {
                    byte[] image = switch (bad % 10) {
                        case 7 -> truncated;
                        case 8 -> badCrc;
                        default -> notAnImage;
                    };
                    records.add(record(topics.images(), id, DocumentEventCodec.write(DocumentEvent.image(id, ImageRef.ofBytes(image), Map.of()))));
                }
                bad++;
            } else if (i % 25 == 0) {
                expectedIds.add(id);
                records.add(record(topics.images(), id, DocumentEventCodec.write(DocumentEvent.image(id, ImageRef.ofBytes(Workload.image(i)), Map.of()))));
            } else {
                expectedIds.add(id);
                records.add(record(topics.text(), id, DocumentEventCodec.write(DocumentEvent.text(id, "valid document number " + i, Map.of()))));
            }
        }
        List<RecordMetadata> landed = harness.produceRaw(records);
        assertThat(bad).isEqualTo(100);
        assertThat(expectedIds).hasSize(4900);

        Map<String, VectorRecord> view = harness.awaitView(topics.vectors(), v -> v.keySet().equals(expectedIds), Duration.ofMinutes(4));
        assertThat(view.keySet()).isEqualTo(expectedIds);
        List<DeadLetter> letters = awaitDeadLetters(topics.dlq(), 100);
        assertThat(letters).hasSize(100);

        Map<String, RecordMetadata> badOrigins = new HashMap<>();
        for (int index : badIndexes) {
            RecordMetadata m = landed.get(index);
            badOrigins.put(m.topic() + "/" + m.partition() + "/" + m.offset(), m);
        }
        Set<String> letterOrigins = new HashSet<>();
        for (DeadLetter letter : letters) {
            letterOrigins.add(letter.source().topic() + "/" + letter.source().partition() + "/" + letter.source().offset());
            assertThat(letter.stage()).isIn(DeadLetter.STAGE_PARSE, DeadLetter.STAGE_ENCODE);
            assertThat(letter.errorMessage()).isNotBlank();
            if (letter.stage().equals(DeadLetter.STAGE_ENCODE)) {
                assertThat(letter.errorClass()).startsWith("dev.prism.encoders.image.");
                assertThat(letter.source().key()).startsWith("p");
            }
        }
        assertThat(letterOrigins).as("every dead letter names the record it replaces").isEqualTo(badOrigins.keySet());
        assertThat(letters.stream().filter(l -> l.stage().equals(DeadLetter.STAGE_ENCODE)).count()).isEqualTo(30);
        assertThat(harness.maxAttempt(job)).as("restarts caused by data").isZero();
        assertThat(harness.metric(job, "prism.dlq.parse")).isEqualTo(70);
        assertThat(harness.metric(job, "prism.dlq.encode")).isEqualTo(30);
        harness.cancel(job);
    }

    private List<DeadLetter> awaitDeadLetters(String topic, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        List<DeadLetter> letters = harness.deadLetters(topic);
        while (letters.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            letters = harness.deadLetters(topic);
        }
        return letters;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }
}
