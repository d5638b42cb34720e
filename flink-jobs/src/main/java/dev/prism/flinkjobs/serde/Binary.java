package dev.prism.flinkjobs.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Nullable strings, byte arrays and float arrays in the serializers' binary formats (-1 length = null). */
final class Binary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Binary() {}

    static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] bytes = readBytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    static void writeFloats(DataOutputStream out, float[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        for (float f : value) {
            out.writeFloat(f);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = in.readFloat();
        }
        return out;
    }

    static byte[] json(ObjectNode node) throws IOException {
        return JSON.writeValueAsBytes(node);
    }

    static ObjectNode objectNode(byte[] json) throws IOException {
        return (ObjectNode) JSON.readTree(json);
    }
}
