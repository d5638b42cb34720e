package dev.prism.encoders.image;

/**
 * 8-bit RGB pixels, row-major, interleaved (r, g, b per pixel). This is what PIL's {@code convert("RGB")}
 * gives: no colour management, alpha dropped.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("expected " + 3 * width * height + " bytes for " + width + "x" + height
                    + ", got " + rgb.length);
        }
    }

    public int get(int x, int y, int channel) {
        return rgb[3 * (y * width + x) + channel] & 0xff;
    }
}
