package dev.prism.cli.commands;

import dev.prism.encoders.embed.EmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Exactly one input: a text or an image file. */
public final class InputOptions {
    @Option(names = "--text", paramLabel = "TEXT", description = "Text to encode.")
    String text;

    @Option(names = "--image", paramLabel = "FILE", description = "Image file (JPEG, PNG, GIF, BMP, WebP).")
    Path image;

    String modality() {
        return text != null ? "text" : "image";
    }

    float[] encode(EmbeddingModel model) throws IOException {
        if (text != null) {
            return model.requireText().encode(text);
        }
        return model.requireImage().encode(Files.readAllBytes(image));
    }
}
