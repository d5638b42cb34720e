package dev.prism.connectors.flink;

import dev.prism.connectors.kafka.DocumentRecordParser;
import dev.prism.connectors.kafka.ParsedDocument;
import dev.prism.connectors.wire.DocumentLimits;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka → {@link ParsedDocument} for Flink's KafkaSource. Never throws: every record becomes a valid event
 * or a dead letter with its origin (see {@link DocumentRecordParser}).
 */
public final class DocumentDeserializationSchema implements KafkaRecordDeserializationSchema<ParsedDocument> {
    private static final long serialVersionUID = 1L;

    private final DocumentLimits limits;
    private final int maxDlqPayloadBytes;
    private transient DocumentRecordParser parser;

    public DocumentDeserializationSchema(DocumentLimits limits, int maxDlqPayloadBytes) {
        this.limits = limits;
        this.maxDlqPayloadBytes = maxDlqPayloadBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedDocument> out) {
        if (parser == null) {
            parser = new DocumentRecordParser(limits, maxDlqPayloadBytes);
        }
        out.collect(parser.parse(record));
    }

    @Override
    public TypeInformation<ParsedDocument> getProducedType() {
        return new SerializerTypeInfo<>(ParsedDocument.class, ParsedDocumentSerializer.INSTANCE);
    }
}
