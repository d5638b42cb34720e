package dev.prism.encoders;

import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.EncoderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Test models: the committed tiny CLIP fixture (with OpenAI's merges from ../shared) and built-in MiniLM. */
public final class TestModels {
    private static EmbeddingModel minilm;
    private static EmbeddingModel tinyClip;

    private TestModels() {}

    public static synchronized EmbeddingModel minilm() {
        if (minilm == null) {
            minilm = EmbeddingModels.load("minilm", EncoderOptions.defaults());
        }
        return minilm;
    }

    /** The tiny CLIP fixture as an Optimum-layout folder; the tokenizer comes from ../shared (never committed). */
    public static synchronized EmbeddingModel tinyClip() {
        if (tinyClip == null) {
            try {
                tinyClip = EmbeddingModels.load(tinyClipFolder(Files.createTempDirectory("tiny-clip")).toString(),
                        EncoderOptions.defaults());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return tinyClip;
    }

    /** Copies the fixture files and the shared merges file into {@code dir}. */
    public static Path tinyClipFolder(Path dir) throws IOException {
        Path merges = SharedData.require("clip/bpe_simple_vocab_16e6.txt.gz");
        for (String name : new String[] {"text_model.onnx", "vision_model.onnx", "config.json", "preprocessor_config.json"}) {
            copyResource("/models/tiny-clip/" + name, dir.resolve(name));
        }
        Files.copy(merges, dir.resolve("bpe_simple_vocab_16e6.txt.gz"), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    public static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = TestModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static byte[] resource(String resource) throws IOException {
        try (InputStream in = TestModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return in.readAllBytes();
        }
    }
}
