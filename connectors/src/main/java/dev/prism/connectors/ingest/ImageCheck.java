package dev.prism.connectors.ingest;

/** Client-side check of an image before it is sent (e.g. header-only format and size check). */
@FunctionalInterface
public interface ImageCheck {
    /** Returns null when the image is acceptable, otherwise the reason to reject it. */
    String problem(byte[] image);

    ImageCheck NONE = image -> null;
}
