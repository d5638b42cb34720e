package dev.prism.encoders.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.encoders.TestModels;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.EncoderOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrusted model folders: every escape, pin and shape problem is refused with a specific message. */
class ModelFolderSafetyTest {
    @TempDir
    Path dir;

    private void manifest(String filesJson, int dimension) throws Exception {
        Files.writeString(dir.resolve(ModelManifest.FILE_NAME), """
                {"name": "tiny", "kind": "clip", "dimension": %d, "files": %s,
                 "image": {"size": 224, "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711]}}
                """.formatted(dimension, filesJson), StandardCharsets.UTF_8);
    }

    @Test
    void dotDotPathIsRefused() throws Exception {
        manifest("{\"vision\": \"../vision_model.onnx\"}", 64);
        assertThatThrownBy(() -> ModelFolders.open(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model file path must not contain '..', got '../vision_model.onnx'");
    }

    @Test
    void absolutePathIsRefused() throws Exception {
        manifest("{\"vision\": \"/etc/passwd\"}", 64);
        assertThatThrownBy(() -> ModelFolders.open(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model file path must be relative to the model folder, got absolute path '/etc/passwd'");
    }

    @Test
    void symlinkLeavingTheRootIsRefused() throws Exception {
        Path outside = Files.createTempFile("outside", ".onnx");
        Files.writeString(outside, "not a model");
        Files.createSymbolicLink(dir.resolve("vision_model.onnx"), outside);
        manifest("{\"vision\": \"vision_model.onnx\"}", 64);
        assertThatThrownBy(() -> ModelFolders.open(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model file 'vision_model.onnx' resolves to " + outside.toRealPath() + ", outside the model folder "
                        + dir.toRealPath() + " (symlink escapes the root)");
    }

    @Test
    void wrongSha256IsRefusedBeforeLoading() throws Exception {
        TestModels.copyResource("/models/tiny-clip/vision_model.onnx", dir.resolve("vision_model.onnx"));
        String wrong = "0".repeat(64);
        manifest("{\"vision\": {\"path\": \"vision_model.onnx\", \"sha256\": \"" + wrong + "\"}}", 64);
        String actual = Sha256.hex(Files.readAllBytes(dir.resolve("vision_model.onnx")));
        assertThatThrownBy(() -> EmbeddingModels.load(dir.toString(), EncoderOptions.defaults()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("SHA-256 mismatch for model file 'vision_model.onnx': manifest pins " + wrong + ", file has " + actual);
    }

    @Test
    void rightSha256Loads() throws Exception {
        TestModels.copyResource("/models/tiny-clip/vision_model.onnx", dir.resolve("vision_model.onnx"));
        String sha = Sha256.hex(Files.readAllBytes(dir.resolve("vision_model.onnx")));
        manifest("{\"vision\": {\"path\": \"vision_model.onnx\", \"sha256\": \"" + sha + "\"}}", 64);
        try (var model = EmbeddingModels.load(dir.toString(), EncoderOptions.defaults())) {
            assertThat(model.dimension()).isEqualTo(64);
            assertThat(model.text()).isEmpty();
        }
    }

    @Test
    void wrongOutputDimensionListsWhatTheModelHas() throws Exception {
        TestModels.copyResource("/models/tiny-clip/vision_model.onnx", dir.resolve("vision_model.onnx"));
        manifest("{\"vision\": \"vision_model.onnx\"}", 512);
        assertThatThrownBy(() -> EmbeddingModels.load(dir.toString(), EncoderOptions.defaults()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model folder " + dir + " (prism-manifest) vision model 'vision_model.onnx' output 'image_embeds' has dimension 64 "
                        + "but the manifest says 512; inputs: pixel_values FLOAT[-1, 3, 224, 224]; outputs: image_embeds FLOAT[-1, 64]");
    }

    @Test
    void notAnOnnxFile() throws Exception {
        Files.writeString(dir.resolve("vision_model.onnx"), "this is not protobuf");
        manifest("{\"vision\": \"vision_model.onnx\"}", 64);
        assertThatThrownBy(() -> EmbeddingModels.load(dir.toString(), EncoderOptions.defaults()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("model folder " + dir + " (prism-manifest) vision model 'vision_model.onnx' is not a loadable ONNX model:");
    }

    @Test
    void unknownLayoutListsTheFiles() throws Exception {
        Files.writeString(dir.resolve("weights.bin"), "x");
        assertThatThrownBy(() -> ModelFolders.open(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageEndingWith("found [weights.bin]");
    }

    @Test
    void clipFolderWithoutTokenizer() throws Exception {
        TestModels.copyResource("/models/tiny-clip/text_model.onnx", dir.resolve("text_model.onnx"));
        assertThatThrownBy(() -> ModelFolders.open(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("CLIP folder " + dir + " has a text model but neither tokenizer.json nor bpe_simple_vocab_16e6.txt.gz; found [text_model.onnx]");
    }

    @Test
    void sentenceTransformersFolderIsDetected() throws Exception {
        TestModels.copyResource("/all-minilm-l6-v2.onnx", dir.resolve("model.onnx"));
        TestModels.copyResource("/all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer.json"));
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_mean_tokens\": true}");
        ModelSource source = ModelFolders.open(dir);
        assertThat(source.layout()).isEqualTo(ModelLayout.SENTENCE_TRANSFORMERS);
        try (var model = EmbeddingModels.load(source, EncoderOptions.defaults())) {
            assertThat(model.dimension()).isEqualTo(384);
            float[] folder = model.requireText().encode("a folder model");
            float[] builtIn = TestModels.minilm().requireText().encode("a folder model");
            assertThat(folder).containsExactly(builtIn, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void openClipFolderIsDetectedAndGivesTheSameVectors() throws Exception {
        Path optimum = TestModels.tinyClipFolder(Files.createDirectory(dir.resolve("optimum")));
        Path openClip = Files.createDirectory(dir.resolve("openclip"));
        Files.copy(optimum.resolve("text_model.onnx"), openClip.resolve("textual.onnx"));
        Files.copy(optimum.resolve("vision_model.onnx"), openClip.resolve("visual.onnx"));
        Files.copy(optimum.resolve("bpe_simple_vocab_16e6.txt.gz"), openClip.resolve("bpe_simple_vocab_16e6.txt.gz"));
        ModelSource source = ModelFolders.open(openClip);
        assertThat(source.layout()).isEqualTo(ModelLayout.OPEN_CLIP);
        try (var model = EmbeddingModels.load(source, EncoderOptions.defaults())) {
            assertThat(model.dimension()).isEqualTo(64);
            assertThat(model.requireText().encode("a photo of a cat."))
                    .containsExactly(TestModels.tinyClip().requireText().encode("a photo of a cat."), org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void sharedInstanceIsOnePerModelAndDevice() {
        var first = EmbeddingModels.shared("minilm", EncoderOptions.defaults());
        assertThat(EmbeddingModels.shared("minilm", EncoderOptions.defaults())).isSameAs(first);
    }

    @Test
    void manifestRoundTrips() {
        ModelManifest manifest = BuiltInModels.find("minilm").orElseThrow().manifest();
        assertThat(ModelManifest.parse(manifest.toJson())).usingRecursiveComparison().isEqualTo(manifest);
    }
}
