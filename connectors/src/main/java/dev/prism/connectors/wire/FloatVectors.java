package dev.prism.connectors.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Vectors on the wire: base64 of little-endian float32. Decoding checks length = 4 · dim and finiteness. */
public final class FloatVectors {
    private FloatVectors() {}

    public static String encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    public static float[] decode(String base64, int dim) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new WireException("vector is not valid base64: " + e.getMessage());
        }
        if (bytes.length != 4L * dim) {
            throw new WireException("vector has " + bytes.length + " bytes, expected 4 x dim = " + 4L * dim);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = buffer.getFloat();
            if (!Float.isFinite(out[i])) {
                throw new WireException("vector element " + i + " is not finite: " + out[i]);
            }
        }
        return out;
    }
}
