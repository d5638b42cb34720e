package dev.prism.connectors.wire;

import java.util.Locale;

/** What a document holds. */
public enum Modality {
    TEXT,
    IMAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Modality parse(String value) {
        for (Modality m : values()) {
            if (m.wireName().equals(value)) {
                return m;
            }
        }
        throw new WireException("modality must be 'text' or 'image', got '" + value + "'");
    }
}
