package dev.prism.encoders.model;

/**
 * How token states become one vector. {@code MEAN} and {@code CLS} pool a rank-3 output
 * ([batch, tokens, hidden]); {@code PROJECTION} takes the model's own pooled, projected rank-2 output.
 */
public enum Pooling {
    MEAN,
    CLS,
    PROJECTION;

    public static Pooling parse(String value) {
        for (Pooling pooling : values()) {
            if (pooling.name().equalsIgnoreCase(value)) {
                return pooling;
            }
        }
        throw new ModelLoadException("pooling must be one of [mean, cls, projection], got '" + value + "'");
    }
}
