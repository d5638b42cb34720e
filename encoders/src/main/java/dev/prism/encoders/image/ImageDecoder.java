package dev.prism.encoders.image;

import dev.prism.encoders.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG, PNG, GIF, BMP and WebP (JDK ImageIO + TwelveMonkeys plug-ins) into 8-bit RGB the way PIL
 * does: no colour management (embedded ICC profiles are ignored), EXIF orientation applied, alpha
 * dropped, palettes expanded, 16-bit samples reduced to their high byte. Limits on bytes and on the
 * header's width × height are checked before any pixel buffer is allocated. Thread-safe.
 */
public final class ImageDecoder {
    static {
        ImageIO.setUseCache(false); // decode in memory; never spill to temp files
        ImageIO.scanForPlugins();
    }

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Format and size as the header states them; reads no pixels. */
    public record Header(ImageFormat format, int width, int height) {}

    public Header readHeader(byte[] encoded) {
        checkBytes(encoded);
        ImageFormat format = ImageFormat.sniff(encoded);
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = readerFor(format, input);
            try {
                reader.setInput(input, true, true);
                return checkedHeader(format, reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw asDecodeFailure(format, e);
        }
    }

    public RgbImage decode(byte[] encoded) {
        checkBytes(encoded);
        ImageFormat format = ImageFormat.sniff(encoded);
        if (format == ImageFormat.PNG) {
            PngIntegrity.check(encoded);
        }
        RgbImage pixels;
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReader reader = readerFor(format, input);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(input, true, true);
                checkedHeader(format, reader);
                if (format == ImageFormat.JPEG) {
                    JpegColorInfo info = JpegColorInfo.parse(encoded);
                    JpegColorInfo.checkComplete(encoded);
                    pixels = JpegPixels.toRgb(reader.readRaster(0, null), info);
                } else {
                    pixels = toRgb(reader.read(0));
                }
            } finally {
                reader.dispose();
            }
            for (String warning : warnings) {
                // libjpeg pads a truncated scan with grey and only warns; PIL refuses such a file, and so do we.
                if (warning.contains("Premature end")) {
                    throw new ImageDecodeException("JPEG is truncated: " + warning);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw asDecodeFailure(format, e);
        }
        return ExifOrientation.apply(pixels, ExifOrientation.read(encoded));
    }

    private void checkBytes(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw new ImageDecodeException("image is empty (0 bytes)");
        }
        if (encoded.length > limits.maxBytes()) {
            throw new ImageTooLargeException("image is " + encoded.length + " bytes, over the limit of "
                    + limits.maxBytes() + " bytes");
        }
    }

    private Header checkedHeader(ImageFormat format, ImageReader reader) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (width < 1 || height < 1) {
            throw new ImageDecodeException(format + " header states an empty size " + width + "x" + height);
        }
        if (pixels > limits.maxPixels()) {
            throw new ImageTooLargeException("image is " + width + "x" + height + " = " + pixels
                    + " pixels, over the limit of " + limits.maxPixels() + " pixels");
        }
        return new Header(format, width, height);
    }

    private static ImageReader readerFor(ImageFormat format, ImageInputStream input) {
        if (input == null) {
            throw new ImageDecodeException("cannot open an image stream");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                if (reader.getFormatName().equalsIgnoreCase(format.readerName())) {
                    return reader;
                }
            } catch (IOException e) {
                // a reader that cannot name its format is skipped
            }
            reader.dispose();
        }
        throw new ImageDecodeException(format + " signature found, but no reader accepts the stream: file is damaged");
    }

    private static InvalidInputException asDecodeFailure(ImageFormat format, Exception e) {
        if (e instanceof InvalidInputException invalid) {
            return invalid;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ImageDecodeException("cannot decode " + format + " image: " + detail, e);
    }

    /** Raw samples of a decoded image, read as PIL's convert("RGB") would, ignoring any ICC colour space. */
    static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        byte[] out = new byte[3 * w * h];
        int bands = raster.getNumBands();
        int[] row = new int[w * bands];
        if (model instanceof IndexColorModel palette) {
            for (int y = 0; y < h; y++) {
                raster.getPixels(0, y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int index = row[x * bands];
                    int o = 3 * (y * w + x);
                    out[o] = (byte) palette.getRed(index);
                    out[o + 1] = (byte) palette.getGreen(index);
                    out[o + 2] = (byte) palette.getBlue(index);
                }
            }
            return new RgbImage(w, h, out);
        }
        int bits = model.getComponentSize(0);
        boolean gray = bands <= 2;
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                int p = x * bands;
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (byte) to8Bit(row[p + (gray ? 0 : c)], bits);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static int to8Bit(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        if (bits > 8) {
            return sample >>> (bits - 8); // PIL keeps the high byte of 16-bit samples
        }
        return sample * 255 / ((1 << bits) - 1); // 1, 2, 4-bit grey scaled to the full range
    }
}
