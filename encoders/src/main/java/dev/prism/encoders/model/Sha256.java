package dev.prism.encoders.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 pins of model files, checked before any byte reaches ONNX Runtime or the tokenizer. */
public final class Sha256 {
    private Sha256() {}

    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static void verify(String fileName, byte[] bytes, String expectedHex) {
        if (expectedHex == null || expectedHex.isBlank()) {
            return;
        }
        String actual = hex(bytes);
        if (!actual.equalsIgnoreCase(expectedHex.trim())) {
            throw new ModelLoadException("SHA-256 mismatch for model file '" + fileName + "': manifest pins "
                    + expectedHex.trim().toLowerCase() + ", file has " + actual);
        }
    }
}
