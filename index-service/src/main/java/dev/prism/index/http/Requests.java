package dev.prism.index.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.encoders.image.ImageDecoder;
import dev.prism.encoders.image.ImageLimits;
import dev.prism.encoders.zeroshot.LabelMode;
import dev.prism.encoders.zeroshot.LabelQuery;
import dev.prism.index.query.SearchRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Strict parsing of request bodies: every bad value is named in a 400/413 message. */
final class Requests {
    private static final Set<String> SEARCH_FIELDS = Set.of("text", "image", "vector", "id", "k", "num_candidates", "filter",
            "min_score", "offset", "hybrid", "include_vectors");
    private static final Set<String> FILTER_FIELDS = Set.of("modality", "metadata", "range", "tags");
    private static final Set<String> CLASSIFY_FIELDS = Set.of("text", "image", "id", "labels", "templates", "mode", "temperature",
            "thresholds", "threshold", "top_k");

    /** The query input shared by search and classify. */
    record Input(String text, byte[] image, float[] vector, String id) {}

    private Requests() {}

    static SearchRequest search(JsonNode body, byte[] uploadedImage, RequestLimits limits) {
        requireObject(body);
        checkFields(body, SEARCH_FIELDS);
        Input input = input(body, uploadedImage, limits, true);
        int k = intField(body, "k", 10);
        if (k < 1 || k > SearchRequest.MAX_K) {
            throw ApiException.badRequest("k must be in [1, " + SearchRequest.MAX_K + "], got " + k);
        }
        int candidates = intField(body, "num_candidates", SearchRequest.defaultCandidates(k));
        if (candidates < k || candidates > SearchRequest.MAX_CANDIDATES) {
            throw ApiException.badRequest("num_candidates must be in [k, " + SearchRequest.MAX_CANDIDATES + "] (k = " + k + "), got "
                    + candidates);
        }
        int offset = intField(body, "offset", 0);
        if (offset < 0 || offset > SearchRequest.MAX_OFFSET) {
            throw ApiException.badRequest("offset must be in [0, " + SearchRequest.MAX_OFFSET + "], got " + offset);
        }
        Double minScore = null;
        if (body.has("min_score") && !body.get("min_score").isNull()) {
            if (!body.get("min_score").isNumber()) {
                throw ApiException.badRequest("min_score must be a number, got " + body.get("min_score"));
            }
            minScore = body.get("min_score").asDouble();
            if (minScore < -1 || minScore > 1) {
                throw ApiException.badRequest("min_score must be in [-1, 1] (cosine), got " + minScore);
            }
        }
        boolean hybrid = boolField(body, "hybrid");
        if (hybrid && input.text() == null) {
            throw ApiException.badRequest("hybrid search needs a 'text' query");
        }
        return new SearchRequest(input.text(), input.image(), input.vector(), input.id(), k, candidates, filter(body.get("filter")),
                minScore, offset, hybrid, boolField(body, "include_vectors"));
    }

    record Classify(Input input, LabelQuery query) {}

    static Classify classify(JsonNode body, byte[] uploadedImage, RequestLimits limits, List<String> defaultTemplates) {
        requireObject(body);
        checkFields(body, CLASSIFY_FIELDS);
        Input input = input(body, uploadedImage, limits, false);
        List<String> labels = strings(body, "labels");
        if (labels.size() > limits.maxLabels()) {
            throw ApiException.badRequest("labels must have at most " + limits.maxLabels() + " entries, got " + labels.size());
        }
        List<String> templates = body.has("templates") ? strings(body, "templates") : defaultTemplates;
        String mode = body.has("mode") ? body.get("mode").asText() : "single";
        Double temperature = body.has("temperature") && body.get("temperature").isNumber() ? body.get("temperature").asDouble() : null;
        if (body.has("temperature") && !body.get("temperature").isNumber()) {
            throw ApiException.badRequest("temperature must be a number, got " + body.get("temperature"));
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        JsonNode t = body.get("thresholds");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw ApiException.badRequest("thresholds must be an object of label -> cosine, got " + t);
            }
            t.fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber()) {
                    throw ApiException.badRequest("threshold for '" + e.getKey() + "' must be a number, got " + e.getValue());
                }
                thresholds.put(e.getKey(), e.getValue().asDouble());
            });
        }
        double threshold = body.has("threshold") ? body.get("threshold").asDouble() : LabelQuery.DEFAULT_THRESHOLD;
        int topK = intField(body, "top_k", labels.size());
        try {
            return new Classify(input, new LabelQuery(labels, templates, LabelMode.parse(mode), temperature, thresholds, threshold, topK));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static Input input(JsonNode body, byte[] uploadedImage, RequestLimits limits, boolean allowVector) {
        List<String> given = new ArrayList<>();
        for (String field : allowVector ? List.of("text", "image", "vector", "id") : List.of("text", "image", "id")) {
            if (body.has(field) && !body.get(field).isNull()) {
                given.add(field);
            }
        }
        if (uploadedImage != null) {
            given.add("image (upload)");
        }
        String allowed = allowVector ? "text, image, vector, id" : "text, image, id";
        if (given.size() != 1) {
            throw ApiException.badRequest("send exactly one of " + allowed + "; got " + (given.isEmpty() ? "none" : String.join(", ", given)));
        }
        String text = null;
        byte[] image = uploadedImage;
        float[] vector = null;
        String id = null;
        if (body.has("text")) {
            text = textField(body, "text");
            if (text.length() > limits.maxTextChars()) {
                throw ApiException.tooLarge("text has " + text.length() + " characters, over the limit of " + limits.maxTextChars());
            }
            if (text.isBlank()) {
                throw ApiException.badRequest("text must not be blank");
            }
        } else if (body.has("image")) {
            String b64 = textField(body, "image");
            if ((long) b64.length() / 4 * 3 > limits.maxImageBytes() + 3) {
                throw ApiException.tooLarge("image is about " + (long) b64.length() / 4 * 3 + " bytes, over the limit of "
                        + limits.maxImageBytes() + " bytes");
            }
            try {
                image = Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("image is not valid base64: " + e.getMessage());
            }
        } else if (body.has("vector")) {
            JsonNode v = body.get("vector");
            if (!v.isArray() || v.isEmpty()) {
                throw ApiException.badRequest("vector must be a non-empty array of numbers, got " + abbreviate(v.toString()));
            }
            vector = new float[v.size()];
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isNumber() || !Double.isFinite(v.get(i).asDouble())) {
                    throw ApiException.badRequest("vector[" + i + "] must be a finite number, got " + v.get(i));
                }
                vector[i] = (float) v.get(i).asDouble();
            }
        } else if (body.has("id")) {
            id = textField(body, "id");
        }
        if (image != null) {
            if (image.length > limits.maxImageBytes()) {
                throw ApiException.tooLarge("image is " + image.length + " bytes, over the limit of " + limits.maxImageBytes() + " bytes");
            }
            // format and width × height from the header only, before any model or decoder touches the pixels
            new ImageDecoder(new ImageLimits(limits.maxImageBytes(), limits.maxImagePixels())).readHeader(image);
        }
        return new Input(text, image, vector, id);
    }

    static SearchRequest.Filter filter(JsonNode node) {
        if (node == null || node.isNull()) {
            return SearchRequest.Filter.NONE;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("filter must be an object, got " + abbreviate(node.toString()));
        }
        checkFields(node, FILTER_FIELDS, "filter");
        String modality = null;
        if (node.has("modality")) {
            modality = textField(node, "modality");
            if (!modality.equals("text") && !modality.equals("image")) {
                throw ApiException.badRequest("filter.modality must be 'text' or 'image', got '" + modality + "'");
            }
        }
        Map<String, List<String>> metadata = new LinkedHashMap<>();
        JsonNode meta = node.get("metadata");
        if (meta != null) {
            if (!meta.isObject()) {
                throw ApiException.badRequest("filter.metadata must be an object of key -> value or list of values, got " + meta);
            }
            meta.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                JsonNode v = e.getValue();
                for (JsonNode item : v.isArray() ? v : List.of(v)) {
                    if (!item.isValueNode() || item.isNull()) {
                        throw ApiException.badRequest("filter.metadata." + e.getKey() + " must hold strings, numbers or booleans, got " + item);
                    }
                    values.add(item.isNumber() ? dev.prism.index.store.IndexSchema.termOf(item.numberValue()) : item.asText());
                }
                metadata.put(e.getKey(), values);
            });
        }
        Map<String, SearchRequest.Range> ranges = new LinkedHashMap<>();
        JsonNode range = node.get("range");
        if (range != null) {
            if (!range.isObject()) {
                throw ApiException.badRequest("filter.range must be an object of key -> {gt, gte, lt, lte}, got " + range);
            }
            range.fields().forEachRemaining(e -> {
                JsonNode r = e.getValue();
                checkFields(r, Set.of("gt", "gte", "lt", "lte"), "filter.range." + e.getKey());
                ranges.put(e.getKey(), new SearchRequest.Range(number(r, "gt", e.getKey()), number(r, "gte", e.getKey()),
                        number(r, "lt", e.getKey()), number(r, "lte", e.getKey())));
            });
        }
        List<String> tags = node.has("tags") ? strings(node, "tags") : List.of();
        return new SearchRequest.Filter(modality, metadata, ranges, tags);
    }

    private static Double number(JsonNode node, String field, String key) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            throw ApiException.badRequest("filter.range." + key + "." + field + " must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
    }

    private static void checkFields(JsonNode node, Set<String> allowed) {
        checkFields(node, allowed, "request");
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw ApiException.badRequest(where + " must be an object, got " + abbreviate(node.toString()));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' in " + where + "; known fields: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static int intField(JsonNode body, String field, int fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiException.badRequest(field + " must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static boolean boolField(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    private static String textField(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (!v.isTextual()) {
            throw ApiException.badRequest(field + " must be a string, got " + abbreviate(v.toString()));
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isArray()) {
            throw ApiException.badRequest(field + " must be a list of strings, got " + (v == null ? "nothing" : abbreviate(v.toString())));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must be a list of strings, got an element " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
