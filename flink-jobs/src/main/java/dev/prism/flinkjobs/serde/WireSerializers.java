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
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Flink serializers of the wire records, written as their v1 wire JSON (format 1). */
public final class WireSerializers {
    private WireSerializers() {}

    public static final class TagEventSerializer extends VersionedBytesSerializer<TagEvent> {
        private static final long serialVersionUID = 1L;
        public static final TagEventSerializer INSTANCE = new TagEventSerializer();

        @Override
        protected int currentFormat() {
            return 1;
        }

        @Override
        protected byte[] encode(TagEvent value) {
            return TagEventCodec.write(value);
        }

        @Override
        protected TagEvent decode(int format, byte[] body) {
            return TagEventCodec.read(body);
        }

        @Override
        public TypeSerializerSnapshot<TagEvent> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<TagEvent> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    public static final class DeadLetterSerializer extends VersionedBytesSerializer<DeadLetter> {
        private static final long serialVersionUID = 1L;
        public static final DeadLetterSerializer INSTANCE = new DeadLetterSerializer();

        @Override
        protected int currentFormat() {
            return 1;
        }

        @Override
        protected byte[] encode(DeadLetter value) {
            return DeadLetterCodec.write(value);
        }

        @Override
        protected DeadLetter decode(int format, byte[] body) {
            return DeadLetterCodec.read(body);
        }

        @Override
        public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeadLetter> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    public static final class LabelSetSerializer extends VersionedBytesSerializer<LabelSetRecord> {
        private static final long serialVersionUID = 1L;
        public static final LabelSetSerializer INSTANCE = new LabelSetSerializer();

        @Override
        protected int currentFormat() {
            return 1;
        }

        @Override
        protected byte[] encode(LabelSetRecord value) {
            return LabelSetCodec.write(value);
        }

        @Override
        protected LabelSetRecord decode(int format, byte[] body) {
            return LabelSetCodec.read(body);
        }

        @Override
        public TypeSerializerSnapshot<LabelSetRecord> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<LabelSetRecord> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    /** A vector record as wire JSON, or a delete as a marker byte and the id. */
    public static final class VectorOrDeleteSerializer extends VersionedBytesSerializer<VectorOrDelete> {
        private static final long serialVersionUID = 1L;
        public static final VectorOrDeleteSerializer INSTANCE = new VectorOrDeleteSerializer();

        @Override
        protected int currentFormat() {
            return 1;
        }

        @Override
        protected byte[] encode(VectorOrDelete value) {
            if (value.record() != null) {
                return VectorRecordCodec.write(value.record());
            }
            byte[] id = value.id().getBytes(StandardCharsets.UTF_8);
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(1 + 16 + id.length);
            out.put((byte) 0); // never the first byte of JSON
            out.putLong(value.deleteVersion()).putLong(value.deleteOffset()).put(id);
            return out.array();
        }

        @Override
        protected VectorOrDelete decode(int format, byte[] body) throws IOException {
            if (body.length > 0 && body[0] == 0) {
                java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body, 1, body.length - 1);
                long version = in.getLong();
                long offset = in.getLong();
                return VectorOrDelete.delete(new String(body, 17, body.length - 17, StandardCharsets.UTF_8), version, offset);
            }
            return VectorOrDelete.upsert(VectorRecordCodec.read(body));
        }

        @Override
        public TypeSerializerSnapshot<VectorOrDelete> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<VectorOrDelete> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }
}
