package dev.prism.encoders.image;

/**
 * Limits checked before any pixel is decoded: bytes of the encoded image, and width × height as the
 * header states them.
 */
public record ImageLimits(long maxBytes, long maxPixels) {
    public static final ImageLimits DEFAULT = new ImageLimits(20L * 1000 * 1000, 40L * 1000 * 1000);

    public ImageLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels);
        }
    }
}
