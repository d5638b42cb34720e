package dev.prism.connectors.flink;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DeadLetterCodec;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.connectors.wire.TagEventCodec;
import dev.prism.connectors.wire.VectorRecordCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Kafka record serializers for Prism's output topics; keys are document ids (or label-set names). */
public final class WireRecordSerializers {
    private WireRecordSerializers() {}

    /** Vector upserts as records, deletes as tombstones (value null, version in headers), both keyed by id. */
    public static KafkaRecordSerializationSchema<VectorOrDelete> vectors(String topic) {
        return (element, context, timestamp) -> {
            byte[] key = element.id().getBytes(StandardCharsets.UTF_8);
            if (element.record() != null) {
                return new ProducerRecord<>(topic, null, timestamp, key, VectorRecordCodec.write(element.record()));
            }
            RecordHeaders headers = new RecordHeaders();
            headers.add(VectorOrDelete.VERSION_HEADER, Long.toString(element.deleteVersion()).getBytes(StandardCharsets.UTF_8));
            headers.add(VectorOrDelete.OFFSET_HEADER, Long.toString(element.deleteOffset()).getBytes(StandardCharsets.UTF_8));
            return new ProducerRecord<>(topic, null, timestamp, key, null, headers);
        };
    }

    public static KafkaRecordSerializationSchema<TagEvent> tags(String topic) {
        return (element, context, timestamp) -> new ProducerRecord<>(topic, null, timestamp,
                element.id().getBytes(StandardCharsets.UTF_8), TagEventCodec.write(element));
    }

    public static KafkaRecordSerializationSchema<DeadLetter> deadLetters(String topic) {
        return (element, context, timestamp) -> new ProducerRecord<>(topic, null, timestamp,
                element.source().key() == null ? null : element.source().key().getBytes(StandardCharsets.UTF_8),
                DeadLetterCodec.write(element));
    }
}
