package dev.prism.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every supported format flavour vs PIL's reference preprocessing of the same file
 * (fixtures from encoders/scripts/make_image_fixtures.py).
 */
class FormatParityTest {
    private static final ClipImagePreprocessor CLIP = new ClipImagePreprocessor(224,
            new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f});

    static Stream<String> fixtures() {
        return Stream.of("baseline_420.jpg", "progressive.jpg", "grayscale.jpg", "cmyk.jpg", "exif3.jpg", "exif8.jpg",
                "rgb16.png", "palette_transparent.png", "gray_alpha.png", "rgba.png", "animated.gif", "rgb24.bmp",
                "palette8.bmp", "lossless.webp", "lossy.webp");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void matchesPil(String name) throws Exception {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        RgbImage actual = CLIP.resizeAndCrop(decoder.decode(resource("input/" + name)));
        RgbImage expected = decoder.decode(resource("expected/" + name.replaceAll("\\.[a-z]+$", ".png")));
        PixelDiff diff = PixelDiff.between(expected, actual);
        System.out.printf("%-26s mean |d| %.4f  max |d| %d%n", name, diff.mean(), diff.max());
        if (name.equals("lossy.webp")) {
            // TwelveMonkeys' VP8 decoder upsamples chroma differently from libwebp (see docs/encoders.md)
            assertThat(diff.mean()).as("mean |d| for " + name).isLessThanOrEqualTo(6.0);
        } else if (name.endsWith(".jpg")) {
            assertThat(diff.mean()).as("mean |d| for " + name).isLessThanOrEqualTo(1.5);
        } else {
            assertThat(diff.mean()).as("mean |d| for " + name).isLessThanOrEqualTo(0.5);
            assertThat(diff.max()).as("max |d| for " + name).isLessThanOrEqualTo(3);
        }
    }

    static byte[] resource(String path) throws Exception {
        try (InputStream in = FormatParityTest.class.getResourceAsStream("/images/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /images/" + path);
            }
            return in.readAllBytes();
        }
    }
}
