package dev.prism.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.kafka.ParsedDocument;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentLimits;
import dev.prism.connectors.wire.ImageRef;
import dev.prism.connectors.wire.SourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DocumentDeserializationSchemaTest {
    private final DocumentDeserializationSchema schema = new DocumentDeserializationSchema(DocumentLimits.DEFAULT, 16);

    private List<ParsedDocument> run(ConsumerRecord<byte[], byte[]> record) {
        List<ParsedDocument> out = new ArrayList<>();
        schema.deserialize(record, new Collector<>() {
            @Override
            public void collect(ParsedDocument value) {
                out.add(value);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void emitsExactlyOneElementPerRecordValidOrNot() {
        List<ParsedDocument> good = run(new ConsumerRecord<>("prism.images", 0, 1L, "i".getBytes(StandardCharsets.UTF_8),
                "{\"v\":1,\"id\":\"i\",\"image\":{\"b64\":\"AQID\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThat(good).singleElement().satisfies(p -> assertThat(p.event())
                .isEqualTo(DocumentEvent.image("i", ImageRef.ofBytes(new byte[] {1, 2, 3}), Map.of())));
        List<ParsedDocument> bad = run(new ConsumerRecord<>("prism.images", 0, 2L, null, "nope".getBytes(StandardCharsets.UTF_8)));
        assertThat(bad).singleElement().satisfies(p -> assertThat(p.deadLetter().source()).isEqualTo(new SourceRef("prism.images", 0, 2L, null)));
    }

    @Test
    void serializerRoundTripsValidAndDeadLetterElements() throws Exception {
        TypeSerializer<ParsedDocument> serializer = schema.getProducedType().createSerializer(new SerializerConfigImpl());
        List<ParsedDocument> elements = new ArrayList<>();
        elements.addAll(run(new ConsumerRecord<>("prism.text", 2, 7L, "d".getBytes(StandardCharsets.UTF_8),
                "{\"v\":1,\"id\":\"d\",\"text\":\"hi\",\"metadata\":{\"n\":[1,2]},\"version\":4}".getBytes(StandardCharsets.UTF_8))));
        elements.addAll(run(new ConsumerRecord<>("prism.text", 2, 8L, "d".getBytes(StandardCharsets.UTF_8),
                "{\"v\":9}".getBytes(StandardCharsets.UTF_8))));
        elements.addAll(run(new ConsumerRecord<>("prism.text", 2, 9L, "d".getBytes(StandardCharsets.UTF_8), null)));
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (ParsedDocument element : elements) {
            serializer.serialize(element, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (ParsedDocument element : elements) {
            assertThat(serializer.deserialize(in)).isEqualTo(element);
        }
        TypeSerializerSnapshot<ParsedDocument> snapshot = serializer.snapshotConfiguration();
        assertThat(snapshot.restoreSerializer()).isSameAs(ParsedDocumentSerializer.INSTANCE);
    }
}
