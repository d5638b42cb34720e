package dev.prism.flinkjobs.serde;

import dev.prism.connectors.flink.VectorOrDelete;
import dev.prism.connectors.flink.VersionedBytesSerializer;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DeadLetterCodec;
import dev.prism.connectors.wire.LabelSetCodec;
import dev.prism.connectors.wire.LabelSetRecord;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.connectors.wire.TagEventCodec;
import dev.prism.connectors.wire.VectorRecordCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of the wire records, written as their v1 wire JSON (format 1); one class for every
 * record type, told apart by {@link Kind}, which the snapshot stores so a savepoint restores the same one.
 */
public final class WireRecordSerializer<T> extends VersionedBytesSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The record types and their codecs. */
    public enum Kind {
        TAG_EVENT(v -> TagEventCodec.write((TagEvent) v), TagEventCodec::read),
        DEAD_LETTER(v -> DeadLetterCodec.write((DeadLetter) v), DeadLetterCodec::read),
        LABEL_SET(v -> LabelSetCodec.write((LabelSetRecord) v), LabelSetCodec::read),
        VECTOR_OR_DELETE(v -> encodeVectorOrDelete((VectorOrDelete) v), WireRecordSerializer::decodeVectorOrDelete);

        private final Function<Object, byte[]> encode;
        private final Function<byte[], Object> decode;

        Kind(Function<Object, byte[]> encode, Function<byte[], Object> decode) {
            this.encode = encode;
            this.decode = decode;
        }
    }

    public static final WireRecordSerializer<TagEvent> TAG_EVENTS = new WireRecordSerializer<>(Kind.TAG_EVENT);
    public static final WireRecordSerializer<DeadLetter> DEAD_LETTERS = new WireRecordSerializer<>(Kind.DEAD_LETTER);
    public static final WireRecordSerializer<LabelSetRecord> LABEL_SETS = new WireRecordSerializer<>(Kind.LABEL_SET);
    public static final WireRecordSerializer<VectorOrDelete> VECTORS_OR_DELETES = new WireRecordSerializer<>(Kind.VECTOR_OR_DELETE);

    private final Kind kind;

    private WireRecordSerializer(Kind kind) {
        this.kind = kind;
    }

    @Override
    protected int currentFormat() {
        return 1;
    }

    @Override
    protected byte[] encode(T value) {
        return kind.encode.apply(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected T decode(int format, byte[] body) throws IOException {
        if (format != 1) {
            throw new IOException("unknown " + kind + " format " + format + " (this reader knows 1)");
        }
        return (T) kind.decode.apply(body);
    }

    /** A vector record as wire JSON; a delete as a 0 byte (never the first byte of JSON), version, offset and id. */
    private static byte[] encodeVectorOrDelete(VectorOrDelete value) {
        if (value.record() != null) {
            return VectorRecordCodec.write(value.record());
        }
        byte[] id = value.id().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 16 + id.length).put((byte) 0).putLong(value.deleteVersion()).putLong(value.deleteOffset())
                .put(id).array();
    }

    private static VectorOrDelete decodeVectorOrDelete(byte[] body) {
        if (body.length > 0 && body[0] == 0) {
            ByteBuffer in = ByteBuffer.wrap(body, 1, body.length - 1);
            long version = in.getLong();
            long offset = in.getLong();
            return VectorOrDelete.delete(new String(body, 17, body.length - 17, StandardCharsets.UTF_8), version, offset);
        }
        return VectorOrDelete.upsert(VectorRecordCodec.read(body));
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof WireRecordSerializer<?> other && other.kind == kind;
    }

    @Override
    public int hashCode() {
        return kind.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(kind);
    }

    /** Stores the kind; restores the serializer of the same kind. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private Kind kind;

        public Snapshot() {}

        Snapshot(Kind kind) {
            this.kind = kind;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(kind.name());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            kind = Kind.valueOf(in.readUTF());
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new WireRecordSerializer<>(kind);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            return old instanceof Snapshot<?> s && s.kind == kind ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
