package dev.prism.connectors.flink;

import dev.prism.connectors.kafka.ParsedDocument;
import dev.prism.connectors.wire.DeadLetterCodec;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.DocumentLimits;
import dev.prism.connectors.wire.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Flink serializer of {@link ParsedDocument}. Format 1: source (topic, partition, offset), timestamp, a
 * kind byte, then the wire JSON of the event or dead letter (already validated, read back without limits).
 */
public final class ParsedDocumentSerializer extends VersionedBytesSerializer<ParsedDocument> {
    private static final long serialVersionUID = 1L;
    public static final ParsedDocumentSerializer INSTANCE = new ParsedDocumentSerializer();
    private static final int FORMAT = 1;
    private static final DocumentEventCodec UNLIMITED = new DocumentEventCodec(
            new DocumentLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE));

    @Override
    protected int currentFormat() {
        return FORMAT;
    }

    @Override
    protected byte[] encode(ParsedDocument value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(value.source().topic());
            out.writeInt(value.source().partition());
            out.writeLong(value.source().offset());
            out.writeLong(value.timestamp());
            byte[] body = value.isValid() ? DocumentEventCodec.write(value.event()) : DeadLetterCodec.write(value.deadLetter());
            out.writeBoolean(value.isValid());
            out.writeInt(body.length);
            out.write(body);
        }
        return bytes.toByteArray();
    }

    @Override
    protected ParsedDocument decode(int format, byte[] body) throws IOException {
        if (format != FORMAT) {
            throw new IOException("unknown ParsedDocument format " + format + " (this reader knows 1)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            SourceRef source = new SourceRef(in.readUTF(), in.readInt(), in.readLong(), null);
            long timestamp = in.readLong();
            boolean valid = in.readBoolean();
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return valid
                    ? new ParsedDocument(source, timestamp, UNLIMITED.read(json), null)
                    : new ParsedDocument(source, timestamp, null, DeadLetterCodec.read(json));
        }
    }

    @Override
    public TypeSerializerSnapshot<ParsedDocument> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot (Flink restores the serializer from it after a savepoint). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ParsedDocument> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
