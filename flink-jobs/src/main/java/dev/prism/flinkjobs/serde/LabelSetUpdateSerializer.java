package dev.prism.flinkjobs.serde;

import dev.prism.connectors.flink.VersionedBytesSerializer;
import dev.prism.connectors.wire.DeadLetterCodec;
import dev.prism.connectors.wire.LabelSetCodec;
import dev.prism.flinkjobs.pipeline.LabelSetUpdate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Serializer of {@link LabelSetUpdate} (format 1). */
public final class LabelSetUpdateSerializer extends VersionedBytesSerializer<LabelSetUpdate> {
    private static final long serialVersionUID = 1L;
    public static final LabelSetUpdateSerializer INSTANCE = new LabelSetUpdateSerializer();

    @Override
    protected int currentFormat() {
        return 1;
    }

    @Override
    protected byte[] encode(LabelSetUpdate u) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Binary.writeString(out, u.name());
            Binary.writeBytes(out, u.record() == null ? null : LabelSetCodec.write(u.record()));
            Binary.writeBytes(out, u.failure() == null ? null : DeadLetterCodec.write(u.failure()));
        }
        return bytes.toByteArray();
    }

    @Override
    protected LabelSetUpdate decode(int format, byte[] body) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            String name = Binary.readString(in);
            byte[] record = Binary.readBytes(in);
            byte[] failure = Binary.readBytes(in);
            return new LabelSetUpdate(name, record == null ? null : LabelSetCodec.read(record),
                    failure == null ? null : DeadLetterCodec.read(failure));
        }
    }

    @Override
    public TypeSerializerSnapshot<LabelSetUpdate> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LabelSetUpdate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
