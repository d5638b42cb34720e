package dev.prism.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.encoders.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Malformed images: each refused with a specific message, never a crash or a silent grey picture. */
class BadImageTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    @Test
    void truncatedJpeg() throws Exception {
        assertThatThrownBy(() -> decoder.decode(FormatParityTest.resource("bad/truncated.jpg")))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessage("JPEG is truncated: no end-of-image marker after the scan data (" + FormatParityTest.resource("bad/truncated.jpg").length + " bytes)");
    }

    @Test
    void pngWithBadCrc() throws Exception {
        assertThatThrownBy(() -> decoder.decode(FormatParityTest.resource("bad/bad_crc.png")))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessageMatching("PNG chunk IDAT at offset 33 has a bad CRC \\(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\\): file is damaged");
    }

    @Test
    void hugeHeaderIsRefusedWithoutDecoding() throws Exception {
        byte[] png = FormatParityTest.resource("bad/huge_50000x50000.png");
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        long start = System.nanoTime();
        assertThatThrownBy(() -> decoder.decode(png))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessage("image is 50000x50000 = 2500000000 pixels, over the limit of 40000000 pixels");
        long millis = (System.nanoTime() - start) / 1_000_000;
        long heapGrowth = runtime.totalMemory() - runtime.freeMemory() - heapBefore;
        // 50,000 x 50,000 RGB would be 7.5 GB: any decoding attempt would blow both bounds.
        assertThat(heapGrowth).as("heap growth in bytes").isLessThan(50L * 1024 * 1024);
        assertThat(millis).as("milliseconds to refuse").isLessThan(100);
    }

    @Test
    void overByteLimit() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(1000, 40_000_000));
        assertThatThrownBy(() -> small.decode(new byte[1001]))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessage("image is 1001 bytes, over the limit of 1000 bytes");
    }

    @Test
    void zeroBytes() throws Exception {
        assertThatThrownBy(() -> decoder.decode(FormatParityTest.resource("bad/empty.jpg")))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessage("image is empty (0 bytes)");
    }

    @Test
    void textFileNamedJpg() throws Exception {
        assertThatThrownBy(() -> decoder.decode(FormatParityTest.resource("bad/text.jpg")))
                .isInstanceOf(ImageDecodeException.class)
                .hasMessage("unsupported image format: the first bytes (48 65 6c 6c 6f 2c 20 74) match none of JPEG, PNG, GIF, BMP, WebP");
    }

    @Test
    void unsupportedFormat() throws Exception {
        assertThatThrownBy(() -> decoder.decode(FormatParityTest.resource("bad/unsupported.tiff")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("unsupported image format: the first bytes (49 49 2a 00");
    }

    @Test
    void headerOnlyReadGivesFormatAndSize() throws Exception {
        ImageDecoder.Header header = decoder.readHeader(FormatParityTest.resource("input/progressive.jpg"));
        assertThat(header).isEqualTo(new ImageDecoder.Header(ImageFormat.JPEG, 260, 340));
    }
}
