package dev.prism.connectors.wire;

/** Limits checked when a document event is parsed. */
public record DocumentLimits(int maxIdBytes, int maxTextChars, long maxImageBytes) implements java.io.Serializable {
    public static final DocumentLimits DEFAULT = new DocumentLimits(512, 100_000, 20L * 1000 * 1000);

    public DocumentLimits {
        if (maxIdBytes < 1 || maxTextChars < 1 || maxImageBytes < 1) {
            throw new IllegalArgumentException("document limits must be positive, got " + maxIdBytes + ", " + maxTextChars
                    + ", " + maxImageBytes);
        }
    }
}
