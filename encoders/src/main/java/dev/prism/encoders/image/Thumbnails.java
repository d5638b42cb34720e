package dev.prism.encoders.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Small JPEG previews for the UI: longest side ≤ {@code maxSide} (antialiased bicubic), then the highest
 * JPEG quality that fits {@code maxBytes}; if even low quality does not fit, the side is halved.
 */
public final class Thumbnails {
    private static final float[] QUALITIES = {0.85f, 0.75f, 0.6f, 0.45f, 0.3f};

    private Thumbnails() {}

    public static byte[] jpeg(RgbImage image, int maxSide, int maxBytes) {
        if (maxSide < 8 || maxBytes < 512) {
            throw new IllegalArgumentException("thumbnail limits too small: side " + maxSide + ", bytes " + maxBytes);
        }
        int side = maxSide;
        while (true) {
            RgbImage scaled = fit(image, side);
            for (float quality : QUALITIES) {
                byte[] jpeg = encode(scaled, quality);
                if (jpeg.length <= maxBytes) {
                    return jpeg;
                }
            }
            if (side <= 16) {
                throw new IllegalStateException("cannot fit a thumbnail in " + maxBytes + " bytes");
            }
            side /= 2;
        }
    }

    static RgbImage fit(RgbImage image, int maxSide) {
        int w = image.width();
        int h = image.height();
        if (Math.max(w, h) <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / Math.max(w, h);
        return PilBicubicResampler.resize(image, Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
    }

    private static byte[] encode(RgbImage image, float quality) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                buffered.setRGB(x, y, (image.get(x, y, 0) << 16) | (image.get(x, y, 1) << 8) | image.get(x, y, 2));
            }
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(buffered, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding of a thumbnail failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
