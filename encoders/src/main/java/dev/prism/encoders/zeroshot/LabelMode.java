package dev.prism.encoders.zeroshot;

/** SINGLE: exactly one label applies (softmax over labels). MULTI: any number apply (per-label thresholds). */
public enum LabelMode {
    SINGLE,
    MULTI;

    public static LabelMode parse(String value) {
        for (LabelMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be 'single' or 'multi', got '" + value + "'");
    }
}
