package dev.prism.flinkjobs.serde;

import dev.prism.connectors.flink.VersionedBytesSerializer;
import dev.prism.flinkjobs.pipeline.GateState;
import dev.prism.flinkjobs.pipeline.StoredVector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Versioned serializers of the IngestJob's keyed state (format 1 each). */
public final class StateSerializers {
    private StateSerializers() {}

    public static final class GateStateSerializer extends VersionedBytesSerializer<GateState> {
        private static final long serialVersionUID = 1L;
        public static final GateStateSerializer INSTANCE = new GateStateSerializer();

        @Override
        protected int currentFormat() {
            return 1;
        }

        @Override
        protected byte[] encode(GateState s) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(s.version());
                out.writeLong(s.offset());
                out.writeBoolean(s.deleted());
                Binary.writeString(out, s.contentHash());
                Binary.writeString(out, s.modelSpec());
            }
            return bytes.toByteArray();
        }

        @Override
        protected GateState decode(int format, byte[] body) throws IOException {
            if (format != 1) {
                throw new IOException("unknown GateState format " + format);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
                return new GateState(in.readLong(), in.readLong(), in.readBoolean(), Binary.readString(in), Binary.readString(in));
            }
        }

        @Override
        public TypeSerializerSnapshot<GateState> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<GateState> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    public static final class StoredVectorSerializer extends VersionedBytesSerializer<StoredVector> {
        private static final long serialVersionUID = 1L;
        public static final StoredVectorSerializer INSTANCE = new StoredVectorSerializer();

        @Override
        protected int currentFormat() {
            return 1;
        }

        @Override
        protected byte[] encode(StoredVector s) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + (s.vector() == null ? 0 : 4 * s.vector().length));
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(s.version());
                out.writeLong(s.offset());
                out.writeBoolean(s.deleted());
                Binary.writeString(out, s.contentHash());
                Binary.writeFloats(out, s.vector());
                Binary.writeBytes(out, s.thumbnail());
                Binary.writeString(out, s.modelId());
            }
            return bytes.toByteArray();
        }

        @Override
        protected StoredVector decode(int format, byte[] body) throws IOException {
            if (format != 1) {
                throw new IOException("unknown StoredVector format " + format);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
                return new StoredVector(in.readLong(), in.readLong(), in.readBoolean(), Binary.readString(in), Binary.readFloats(in),
                        Binary.readBytes(in), Binary.readString(in));
            }
        }

        @Override
        public TypeSerializerSnapshot<StoredVector> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<StoredVector> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }
}
