package dev.prism.encoders.model;

import java.util.Locale;

/** What a model encodes: text only (sentence-transformers style) or text and images in one space (CLIP style). */
public enum ModelKind {
    SENTENCE,
    CLIP;

    public static ModelKind parse(String value) {
        for (ModelKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new ModelLoadException("model kind must be one of [sentence, clip], got '" + value + "'");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
