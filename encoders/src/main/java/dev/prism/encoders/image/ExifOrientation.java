package dev.prism.encoders.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** EXIF orientation (tag 0x0112), applied as PIL's {@code ImageOps.exif_transpose} does. */
public final class ExifOrientation {
    private ExifOrientation() {}

    /** The orientation tag (1..8), or 1 when absent or unreadable: a broken EXIF block is not a broken image. */
    public static int read(byte[] encoded) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(encoded), encoded.length);
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int value = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return value >= 1 && value <= 8 ? value : 1;
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            return 1;
        }
    }

    /** Returns the image as it should be displayed for the given orientation. */
    public static RgbImage apply(RgbImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] src = image.rgb();
        byte[] out = new byte[src.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }            // mirror horizontal
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }    // rotate 180
                    case 4 -> { sx = x; sy = h - 1 - y; }            // mirror vertical
                    case 5 -> { sx = y; sy = x; }                    // transpose
                    case 6 -> { sx = y; sy = h - 1 - x; }            // rotate 90 clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }    // transverse
                    default -> { sx = w - 1 - y; sy = x; }           // 8: rotate 90 counter-clockwise
                }
                System.arraycopy(src, 3 * (sy * w + sx), out, 3 * (y * outW + x), 3);
            }
        }
        return new RgbImage(outW, outH, out);
    }
}
