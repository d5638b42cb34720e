package dev.prism.encoders.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Opens a model by name or folder: a built-in name ({@code minilm}), a folder with {@code prism-model.json},
 * or a folder in a known layout, recognised by its file names (see {@link ModelLayout}).
 */
public final class ModelFolders {
    static final String MERGES = "bpe_simple_vocab_16e6.txt.gz";
    private static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFolders() {}

    /** A built-in model name, or the path of a model folder. */
    public static ModelSource open(String spec) {
        return BuiltInModels.find(spec).orElseGet(() -> open(Path.of(spec)));
    }

    public static ModelSource open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new ModelLoadException("model '" + root + "' is neither a built-in model " + BuiltInModels.names()
                    + " nor a folder");
        }
        if (Files.exists(root.resolve(ModelManifest.FILE_NAME))) {
            byte[] json = readSmall(root, ModelManifest.FILE_NAME);
            return new FolderModelSource(root, ModelManifest.parse(json), ModelLayout.PRISM_MANIFEST);
        }
        if (has(root, "text_model.onnx") || has(root, "vision_model.onnx")) {
            return new FolderModelSource(root, optimumClip(root), ModelLayout.OPTIMUM_CLIP);
        }
        if (has(root, "textual.onnx") || has(root, "visual.onnx")) {
            return new FolderModelSource(root, openClip(root), ModelLayout.OPEN_CLIP);
        }
        if ((has(root, "model.onnx") || has(root, "onnx/model.onnx")) && has(root, "tokenizer.json")) {
            return new FolderModelSource(root, sentenceTransformers(root), ModelLayout.SENTENCE_TRANSFORMERS);
        }
        throw new ModelLoadException("cannot tell the layout of model folder " + root + ": expected "
                + ModelManifest.FILE_NAME + ", text_model.onnx/vision_model.onnx (Optimum CLIP), textual.onnx/visual.onnx "
                + "(OpenCLIP) or model.onnx + tokenizer.json (sentence-transformers); found " + listing(root));
    }

    private static ModelManifest optimumClip(Path root) {
        Map<String, ModelManifest.ModelFile> files = new LinkedHashMap<>();
        putIfPresent(files, root, ModelManifest.TEXT, "text_model.onnx");
        putIfPresent(files, root, ModelManifest.VISION, "vision_model.onnx");
        putClipTokenizer(files, root);
        int maxTokens = 77;
        int dimension = 0;
        if (has(root, "config.json")) {
            JsonNode config = readJson(root, "config.json");
            maxTokens = config.path("text_config").path("max_position_embeddings").asInt(77);
            dimension = config.path("projection_dim").asInt(0);
        }
        ModelManifest.ImageSpec image = new ModelManifest.ImageSpec(224, CLIP_MEAN, CLIP_STD);
        if (has(root, "preprocessor_config.json")) {
            JsonNode pre = readJson(root, "preprocessor_config.json");
            JsonNode crop = pre.path("crop_size");
            int size = crop.isInt() ? crop.asInt() : crop.path("height").asInt(224);
            image = new ModelManifest.ImageSpec(size, floats(pre.path("image_mean"), CLIP_MEAN), floats(pre.path("image_std"), CLIP_STD));
        }
        // Optimum exports carry only logit_scale's initial value; 100 is what trained CLIP models converge to.
        return new ModelManifest(root.getFileName().toString(), "1", ModelKind.CLIP, dimension, files, Pooling.PROJECTION,
                true, maxTokens, image, 100.0, List.of("a photo of a {}."), null, null);
    }

    private static ModelManifest openClip(Path root) {
        Map<String, ModelManifest.ModelFile> files = new LinkedHashMap<>();
        putIfPresent(files, root, ModelManifest.TEXT, "textual.onnx");
        putIfPresent(files, root, ModelManifest.VISION, "visual.onnx");
        putClipTokenizer(files, root);
        return new ModelManifest(root.getFileName().toString(), "1", ModelKind.CLIP, 0, files, Pooling.PROJECTION, true, 77,
                new ModelManifest.ImageSpec(224, CLIP_MEAN, CLIP_STD), 100.0, List.of("a photo of a {}."), null, null);
    }

    private static ModelManifest sentenceTransformers(Path root) {
        Map<String, ModelManifest.ModelFile> files = new LinkedHashMap<>();
        files.put(ModelManifest.TEXT, new ModelManifest.ModelFile(has(root, "model.onnx") ? "model.onnx" : "onnx/model.onnx", null));
        files.put(ModelManifest.TOKENIZER, new ModelManifest.ModelFile("tokenizer.json", null));
        Pooling pooling = Pooling.MEAN;
        if (has(root, "1_Pooling/config.json")) {
            JsonNode config = readJson(root, "1_Pooling/config.json");
            if (config.path("pooling_mode_cls_token").asBoolean(false)) {
                pooling = Pooling.CLS;
            }
        }
        int maxTokens = 512;
        if (has(root, "sentence_bert_config.json")) {
            maxTokens = readJson(root, "sentence_bert_config.json").path("max_seq_length").asInt(512);
        }
        return new ModelManifest(root.getFileName().toString(), "1", ModelKind.SENTENCE, 0, files, pooling, true,
                maxTokens, null, 20.0, List.of("{}"), null, null);
    }

    private static void putClipTokenizer(Map<String, ModelManifest.ModelFile> files, Path root) {
        if (has(root, "tokenizer.json")) {
            files.put(ModelManifest.TOKENIZER, new ModelManifest.ModelFile("tokenizer.json", null));
        } else if (has(root, MERGES)) {
            files.put(ModelManifest.TOKENIZER, new ModelManifest.ModelFile(MERGES, null));
        } else if (files.containsKey(ModelManifest.TEXT)) {
            throw new ModelLoadException("CLIP folder " + root + " has a text model but neither tokenizer.json nor "
                    + MERGES + "; found " + listing(root));
        }
    }

    private static void putIfPresent(Map<String, ModelManifest.ModelFile> files, Path root, String role, String name) {
        if (has(root, name)) {
            files.put(role, new ModelManifest.ModelFile(name, null));
        }
    }

    private static boolean has(Path root, String name) {
        return Files.exists(root.resolve(name));
    }

    private static JsonNode readJson(Path root, String name) {
        try {
            return JSON.readTree(readSmall(root, name));
        } catch (IOException e) {
            throw new ModelLoadException(name + " in " + root + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] readSmall(Path root, String name) {
        Path path = SafePaths.resolveUnder(root, name);
        try {
            if (Files.size(path) > 16L * 1024 * 1024) {
                throw new ModelLoadException(name + " in " + root + " is over 16 MB; not a configuration file");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static float[] floats(JsonNode array, float[] fallback) {
        if (!array.isArray() || array.size() != 3) {
            return fallback;
        }
        return new float[] {(float) array.get(0).asDouble(), (float) array.get(1).asDouble(), (float) array.get(2).asDouble()};
    }

    private static List<String> listing(Path root) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.map(p -> p.getFileName().toString()).sorted().limit(30).forEach(names::add);
        } catch (IOException e) {
            names.add("(unlistable: " + e.getMessage() + ")");
        }
        return names;
    }
}
