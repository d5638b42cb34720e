package dev.prism.connectors.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of Prism's Flink serializers for immutable records: each value is written as a format-version
 * byte, then a length-prefixed body. Old versions stay readable (the version byte selects the reader),
 * and no Java or Kryo serialization is involved.
 */
public abstract class VersionedBytesSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The version this serializer writes. */
    protected abstract int currentFormat();

    protected abstract byte[] encode(T value) throws IOException;

    protected abstract T decode(int format, byte[] body) throws IOException;

    @Override
    public final void serialize(T record, DataOutputView target) throws IOException {
        byte[] body = encode(record);
        target.writeByte(currentFormat());
        target.writeInt(body.length);
        target.write(body);
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        int format = source.readUnsignedByte();
        byte[] body = new byte[source.readInt()];
        source.readFully(body);
        return decode(format, body);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeByte(source.readUnsignedByte());
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this; // stateless
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public boolean equals(Object obj) {
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
