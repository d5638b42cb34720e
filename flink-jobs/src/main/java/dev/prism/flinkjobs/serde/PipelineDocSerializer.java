package dev.prism.flinkjobs.serde;

import dev.prism.connectors.flink.VersionedBytesSerializer;
import dev.prism.connectors.wire.DeadLetterCodec;
import dev.prism.connectors.wire.Metadata;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.flinkjobs.pipeline.PipelineDoc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** Binary serializer of {@link PipelineDoc} (format 1); metadata as its wire JSON. */
public final class PipelineDocSerializer extends VersionedBytesSerializer<PipelineDoc> {
    private static final long serialVersionUID = 1L;
    public static final PipelineDocSerializer INSTANCE = new PipelineDocSerializer();

    @Override
    protected int currentFormat() {
        return 1;
    }

    @Override
    protected byte[] encode(PipelineDoc d) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + (d.image() == null ? 0 : d.image().length));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(d.id());
            out.writeByte(d.action().ordinal());
            out.writeByte(d.modality().ordinal());
            Binary.writeString(out, d.text());
            Binary.writeBytes(out, d.image());
            Binary.writeString(out, d.imageUri());
            Binary.writeBytes(out, d.metadata().isEmpty() ? null : Binary.json(Metadata.write(d.metadata())));
            out.writeLong(d.version());
            out.writeUTF(d.source().topic());
            out.writeInt(d.source().partition());
            out.writeLong(d.source().offset());
            out.writeLong(d.createdAtMillis());
            Binary.writeString(out, d.contentHash());
            Binary.writeFloats(out, d.vector());
            Binary.writeBytes(out, d.thumbnail());
            Binary.writeString(out, d.modelId());
            Binary.writeBytes(out, d.failure() == null ? null : DeadLetterCodec.write(d.failure()));
        }
        return bytes.toByteArray();
    }

    @Override
    protected PipelineDoc decode(int format, byte[] body) throws IOException {
        if (format != 1) {
            throw new IOException("unknown PipelineDoc format " + format + " (this reader knows 1)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            String id = in.readUTF();
            PipelineDoc.Action action = PipelineDoc.Action.values()[in.readByte()];
            Modality modality = Modality.values()[in.readByte()];
            String text = Binary.readString(in);
            byte[] image = Binary.readBytes(in);
            String uri = Binary.readString(in);
            byte[] metadata = Binary.readBytes(in);
            long version = in.readLong();
            SourceRef source = new SourceRef(in.readUTF(), in.readInt(), in.readLong(), null);
            long created = in.readLong();
            String hash = Binary.readString(in);
            float[] vector = Binary.readFloats(in);
            byte[] thumbnail = Binary.readBytes(in);
            String modelId = Binary.readString(in);
            byte[] failure = Binary.readBytes(in);
            return new PipelineDoc(id, action, modality, text, image, uri,
                    metadata == null ? null : Metadata.read(Binary.objectNode(metadata)), version, source, created, hash, vector,
                    thumbnail, modelId, failure == null ? null : DeadLetterCodec.read(failure));
        }
    }

    @Override
    public TypeSerializerSnapshot<PipelineDoc> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PipelineDoc> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
