package dev.prism.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.encoders.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our decode + resize + crop vs the reference CLIP preprocessing in ../shared/data/clip/preprocess. */
class PreprocessParityTest {
    private static final ClipImagePreprocessor CLIP = new ClipImagePreprocessor(224,
            new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f});

    static Stream<Path> inputs() throws Exception {
        Path dir = SharedData.require("clip/preprocess/input");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.sorted().forEach(files::add);
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void matchesReferencePixels(Path input) throws Exception {
        String name = input.getFileName().toString();
        Path expectedFile = input.getParent().resolveSibling("expected").resolve(name.replaceAll("\\.[a-z]+$", ".png"));
        RgbImage expected = new ImageDecoder(ImageLimits.DEFAULT).decode(Files.readAllBytes(expectedFile));
        RgbImage actual = CLIP.resizeAndCrop(new ImageDecoder(ImageLimits.DEFAULT).decode(Files.readAllBytes(input)));

        PixelDiff diff = PixelDiff.between(expected, actual);
        System.out.printf("%-24s mean |d| %.4f  max |d| %d%n", name, diff.mean(), diff.max());
        if (name.endsWith(".png")) {
            assertThat(diff.mean()).as("mean |d| for " + name).isLessThanOrEqualTo(0.5);
            assertThat(diff.max()).as("max |d| for " + name).isLessThanOrEqualTo(3);
        } else {
            assertThat(diff.mean()).as("mean |d| for " + name).isLessThanOrEqualTo(1.5);
        }
    }
}
