package dev.prism.connectors.kafka;

import static dev.prism.connectors.KafkaTestClient.readAll;
import static dev.prism.connectors.KafkaTestClient.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.KafkaTestClient;
import dev.prism.connectors.embedded.EmbeddedKafka;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DeadLetterCodec;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.DocumentLimits;
import dev.prism.connectors.wire.ImageRef;
import dev.prism.connectors.wire.LabelSetCodec;
import dev.prism.connectors.wire.LabelSetRecord;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.connectors.wire.TagEventCodec;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.connectors.wire.VectorRecordCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every record type produced to its Prism topic on a real broker and read back equal. */
class WireOverKafkaIT {
    @TempDir
    Path dir;

    @Test
    void everyRecordTypeSurvivesTheBroker() throws Exception {
        PrismTopics topics = PrismTopics.DEFAULT;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir); TopicAdmin admin = new TopicAdmin(kafka.bootstrapServers())) {
            admin.createTopics(topics, 1, (short) 1, Map.of());
            String b = kafka.bootstrapServers();
            DocumentEvent text = DocumentEvent.text("t1", "hello", Map.of("lang", "en"));
            DocumentEvent image = DocumentEvent.image("i1", ImageRef.ofBytes(new byte[] {9, 8, 7}), Map.of());
            VectorRecord vector = new VectorRecord("t1", Modality.TEXT, "m@1", new float[] {0.6f, 0.8f}, Map.of(), List.of(), 1,
                    new SourceRef(topics.text(), 0, 0, null), null);
            LabelSetRecord set = new LabelSetRecord("topics", 1, List.of("a", "b"), List.of("{}"), "single", null, Map.of(), null);
            TagEvent tag = new TagEvent("t1", Modality.TEXT, "topics@1", List.of(new TagEvent.Label("a", 0.7, 0.2)));
            DeadLetter letter = new DeadLetter("parse", "X", "why", new SourceRef(topics.text(), 0, 5, "k"), new byte[] {1}, 1, 3);

            KafkaTestClient.produce(b, topics.text(), List.of(record(topics.text(), "t1", DocumentEventCodec.write(text)),
                    record(topics.text(), "t1", null)));
            KafkaTestClient.produce(b, topics.images(), List.of(record(topics.images(), "i1", DocumentEventCodec.write(image))));
            KafkaTestClient.produce(b, topics.vectors(), List.of(record(topics.vectors(), "t1", VectorRecordCodec.write(vector))));
            KafkaTestClient.produce(b, topics.labelSets(), List.of(record(topics.labelSets(), "topics", LabelSetCodec.write(set))));
            KafkaTestClient.produce(b, topics.tags(), List.of(record(topics.tags(), "t1", TagEventCodec.write(tag))));
            KafkaTestClient.produce(b, topics.dlq(), List.of(record(topics.dlq(), "k", DeadLetterCodec.write(letter))));

            DocumentRecordParser parser = new DocumentRecordParser(DocumentLimits.DEFAULT, 1024);
            List<ConsumerRecord<byte[], byte[]>> texts = readAll(b, topics.text());
            assertThat(parser.parse(texts.get(0)).event()).isEqualTo(text);
            assertThat(parser.parse(texts.get(1)).event()).isEqualTo(DocumentEvent.delete("t1"));
            assertThat(parser.parse(readAll(b, topics.images()).get(0)).event()).isEqualTo(image);
            assertThat(VectorRecordCodec.read(readAll(b, topics.vectors()).get(0).value())).isEqualTo(vector);
            assertThat(LabelSetCodec.read(readAll(b, topics.labelSets()).get(0).value())).isEqualTo(set);
            assertThat(TagEventCodec.read(readAll(b, topics.tags()).get(0).value())).isEqualTo(tag);
            assertThat(DeadLetterCodec.read(readAll(b, topics.dlq()).get(0).value())).isEqualTo(letter);
        }
    }
}
