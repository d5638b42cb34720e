package dev.prism.encoders.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contents of {@code prism-model.json}: what a model folder holds and how to run it. Also built in
 * code for folders without a manifest (Optimum, OpenCLIP, sentence-transformers) and for built-in models.
 *
 * @param dimension  embedding dimension; 0 = take it from the model at load (layouts without a manifest)
 * @param maxTokens  truncation limit including special tokens
 * @param image      image preprocessing, null for text-only models
 * @param logitScale multiplier of cosine similarity before softmax in zero-shot single-label mode
 */
public record ModelManifest(
        String name,
        String version,
        ModelKind kind,
        int dimension,
        Map<String, ModelFile> files,
        Pooling pooling,
        boolean normalize,
        int maxTokens,
        ImageSpec image,
        double logitScale,
        List<String> templates,
        String textOutput,
        String imageOutput) {

    public static final String FILE_NAME = "prism-model.json";
    public static final String TEXT = "text";
    public static final String VISION = "vision";
    public static final String TOKENIZER = "tokenizer";
    private static final Set<String> ROLES = Set.of(TEXT, VISION, TOKENIZER);

    /** One file of the model, relative to the model root, with an optional SHA-256 pin. */
    public record ModelFile(String path, String sha256) {}

    /** CLIP preprocessing parameters. */
    public record ImageSpec(int size, float[] mean, float[] std) {}

    public ModelManifest {
        if (name == null || name.isBlank()) {
            throw new ModelLoadException("manifest: name must not be empty");
        }
        if (dimension < 0 || dimension > 65_536) {
            throw new ModelLoadException("manifest: dimension must be in [1, 65536], got " + dimension);
        }
        if (maxTokens < 2 || maxTokens > 65_536) {
            throw new ModelLoadException("manifest: maxTokens must be in [2, 65536], got " + maxTokens);
        }
        if (!(logitScale > 0) || logitScale > 1000) {
            throw new ModelLoadException("manifest: logitScale must be in (0, 1000], got " + logitScale);
        }
        for (String role : files.keySet()) {
            if (!ROLES.contains(role)) {
                throw new ModelLoadException("manifest: unknown file role '" + role + "'; known roles: " + ROLES);
            }
        }
        if (!files.containsKey(TEXT) && !files.containsKey(VISION)) {
            throw new ModelLoadException("manifest: needs a 'text' or a 'vision' model file, has " + files.keySet());
        }
        if (files.containsKey(TEXT) && !files.containsKey(TOKENIZER)) {
            throw new ModelLoadException("manifest: a 'text' model needs a 'tokenizer' file (tokenizer.json or CLIP merges)");
        }
        if (files.containsKey(VISION) && image == null) {
            throw new ModelLoadException("manifest: a 'vision' model needs an 'image' section (size, mean, std)");
        }
        files = Map.copyOf(files);
        templates = templates == null || templates.isEmpty() ? List.of("{}") : List.copyOf(templates);
        for (String template : templates) {
            if (!template.contains("{}")) {
                throw new ModelLoadException("manifest: template must contain '{}', got '" + template + "'");
            }
        }
        version = version == null || version.isBlank() ? "1" : version;
    }

    /** name@version: the model id written into every vector record. */
    public String id() {
        return name + "@" + version;
    }

    public boolean hasText() {
        return files.containsKey(TEXT);
    }

    public boolean hasVision() {
        return files.containsKey(VISION);
    }

    public ModelManifest withDimension(int newDimension) {
        return new ModelManifest(name, version, kind, newDimension, files, pooling, normalize, maxTokens, image,
                logitScale, templates, textOutput, imageOutput);
    }

    public static ModelManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new ModelLoadException(FILE_NAME + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(FILE_NAME + " must hold a JSON object");
        }
        Map<String, ModelFile> files = new LinkedHashMap<>();
        JsonNode filesNode = root.path("files");
        if (!filesNode.isObject()) {
            throw new ModelLoadException("manifest: 'files' must be an object of role -> {path, sha256}");
        }
        filesNode.fields().forEachRemaining(entry -> {
            JsonNode file = entry.getValue();
            if (file.isTextual()) {
                files.put(entry.getKey(), new ModelFile(file.asText(), null));
            } else if (file.isObject() && file.path("path").isTextual()) {
                files.put(entry.getKey(), new ModelFile(file.get("path").asText(),
                        file.path("sha256").isTextual() ? file.get("sha256").asText() : null));
            } else {
                throw new ModelLoadException("manifest: file '" + entry.getKey() + "' must be a path or {path, sha256}");
            }
        });
        ImageSpec image = null;
        if (root.has("image")) {
            JsonNode img = root.get("image");
            image = new ImageSpec(img.path("size").asInt(224), floats(img, "mean"), floats(img, "std"));
        }
        ModelKind kind = ModelKind.parse(root.path("kind").asText("sentence"));
        List<String> templates = new ArrayList<>();
        root.path("templates").forEach(t -> templates.add(t.asText()));
        return new ModelManifest(
                root.path("name").asText(null),
                root.path("version").asText("1"),
                kind,
                root.path("dimension").asInt(0),
                files,
                Pooling.parse(root.path("pooling").asText(kind == ModelKind.CLIP ? "projection" : "mean")),
                root.path("normalize").asBoolean(true),
                root.path("maxTokens").asInt(kind == ModelKind.CLIP ? 77 : 512),
                image,
                root.path("logitScale").asDouble(kind == ModelKind.CLIP ? 100.0 : 20.0),
                templates,
                root.path("textOutput").isTextual() ? root.get("textOutput").asText() : null,
                root.path("imageOutput").isTextual() ? root.get("imageOutput").asText() : null);
    }

    private static float[] floats(JsonNode node, String field) {
        JsonNode array = node.path(field);
        if (!array.isArray() || array.size() != 3) {
            throw new ModelLoadException("manifest: image." + field + " must be an array of 3 numbers, got " + array);
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    public byte[] toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("name", name).put("version", version).put("kind", kind.wireName()).put("dimension", dimension);
        ObjectNode filesNode = root.putObject("files");
        files.forEach((role, file) -> {
            ObjectNode f = filesNode.putObject(role).put("path", file.path());
            if (file.sha256() != null) {
                f.put("sha256", file.sha256());
            }
        });
        root.put("pooling", pooling.name().toLowerCase()).put("normalize", normalize).put("maxTokens", maxTokens);
        if (image != null) {
            ObjectNode img = root.putObject("image").put("size", image.size());
            ArrayNode mean = img.putArray("mean");
            ArrayNode std = img.putArray("std");
            for (int i = 0; i < 3; i++) {
                mean.add(image.mean()[i]);
                std.add(image.std()[i]);
            }
        }
        root.put("logitScale", logitScale);
        templates.forEach(root.putArray("templates")::add);
        if (textOutput != null) {
            root.put("textOutput", textOutput);
        }
        if (imageOutput != null) {
            root.put("imageOutput", imageOutput);
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
