package dev.prism.cli.commands;

import dev.prism.encoders.image.ClipImagePreprocessor;
import dev.prism.encoders.image.ImageDecoder;
import dev.prism.encoders.image.ImageLimits;
import dev.prism.encoders.image.RgbImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prism preprocess --image IN --out OUT.png}: the CLIP-preprocessed pixels before normalisation. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = "Write the CLIP-preprocessed pixels (decode, EXIF, resize, centre crop; before normalisation) as PNG.")
public final class PreprocessCommand implements Callable<Integer> {
    @Option(names = "--image", required = true, paramLabel = "IN")
    Path image;

    @Option(names = "--out", required = true, paramLabel = "OUT.png")
    Path out;

    @Option(names = "--size", defaultValue = "224", description = "Output side in pixels. Default: ${DEFAULT-VALUE}.")
    int size;

    @Override
    public Integer call() throws Exception {
        ClipImagePreprocessor preprocessor = new ClipImagePreprocessor(size, new float[] {0, 0, 0}, new float[] {1, 1, 1});
        RgbImage pixels = preprocessor.resizeAndCrop(new ImageDecoder(ImageLimits.DEFAULT).decode(Files.readAllBytes(image)));
        BufferedImage png = new BufferedImage(pixels.width(), pixels.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < pixels.height(); y++) {
            for (int x = 0; x < pixels.width(); x++) {
                png.setRGB(x, y, (pixels.get(x, y, 0) << 16) | (pixels.get(x, y, 1) << 8) | pixels.get(x, y, 2));
            }
        }
        if (!ImageIO.write(png, "png", out.toFile())) {
            throw new IllegalStateException("no PNG writer available");
        }
        System.err.println("wrote " + out + " (" + pixels.width() + "x" + pixels.height() + ")");
        return 0;
    }
}
