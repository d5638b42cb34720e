package dev.prism.connectors.kafka;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.DocumentLimits;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.WireException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a raw Kafka record into a {@link ParsedDocument} and never throws: every failure, expected or
 * not, becomes a dead letter with the record's origin, so one bad record can never restart a job.
 * A tombstone (null value) is a delete of the record's key.
 */
public final class DocumentRecordParser {
    public static final int DEFAULT_MAX_DLQ_PAYLOAD = 4096;

    private final DocumentEventCodec codec;
    private final int maxDlqPayloadBytes;

    public DocumentRecordParser(DocumentLimits limits, int maxDlqPayloadBytes) {
        if (maxDlqPayloadBytes < 0) {
            throw new IllegalArgumentException("maxDlqPayloadBytes must be >= 0, got " + maxDlqPayloadBytes);
        }
        this.codec = new DocumentEventCodec(limits);
        this.maxDlqPayloadBytes = maxDlqPayloadBytes;
    }

    public ParsedDocument parse(ConsumerRecord<byte[], byte[]> record) {
        String key = null;
        SourceRef source = new SourceRef(record.topic(), record.partition(), record.offset(), null);
        try {
            key = decodeKey(record.key());
            source = new SourceRef(record.topic(), record.partition(), record.offset(), key);
            DocumentEvent event;
            if (record.value() == null) {
                if (key == null) {
                    throw new WireException("tombstone without a key: nothing to delete");
                }
                event = DocumentEvent.delete(codec.checkId(key));
            } else {
                event = codec.read(record.value());
                if (key != null && !key.equals(event.id())) {
                    throw new WireException("record key '" + abbreviate(key) + "' does not match id '" + abbreviate(event.id()) + "'");
                }
            }
            return new ParsedDocument(source.withoutKey(), record.timestamp(), event, null);
        } catch (Exception | StackOverflowError e) {
            // Deliberately broad: this is the boundary that keeps bad data from failing the job.
            return new ParsedDocument(source.withoutKey(), record.timestamp(), null,
                    DeadLetter.of(DeadLetter.STAGE_PARSE, e, source, record.value(), maxDlqPayloadBytes, System.currentTimeMillis()));
        }
    }

    private static String decodeKey(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            throw new WireException("record key is not valid UTF-8 (" + key.length + " bytes)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
