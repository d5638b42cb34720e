package dev.prism.connectors.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Strict reading of wire JSON: exact types, known versions, no unknown fields; errors name field and value. */
final class JsonFields {
    static final int VERSION = 1;
    static final Set<Integer> KNOWN_VERSIONS = Set.of(1);
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        // Bounded parsing: a hostile record cannot make the parser allocate without limit.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(64 * 1024 * 1024).maxNumberLength(100).build());
    }

    private JsonFields() {}

    static ObjectNode parseObject(byte[] bytes, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new WireException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WireException("invalid JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new WireException(what + " is empty");
        }
        if (!node.isObject()) {
            throw new WireException(what + " must be a JSON object, got " + kind(node));
        }
        return (ObjectNode) node;
    }

    static void checkVersion(ObjectNode node, String what) {
        JsonNode v = node.get("v");
        if (v == null) {
            throw new WireException("missing field 'v' (wire format version) in " + what);
        }
        if (!v.isIntegralNumber()) {
            throw new WireException("field 'v' must be an integer, got " + v);
        }
        if (!KNOWN_VERSIONS.contains(v.asInt())) {
            throw new WireException("unsupported " + what + " version " + v + " (this reader knows " + KNOWN_VERSIONS + ")");
        }
    }

    static void checkFields(ObjectNode node, Set<String> allowed, String what) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new WireException("unknown field '" + name + "' in " + what);
            }
        }
    }

    static String requireString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new WireException("missing field '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new WireException("field '" + field + "' must be a string, got " + kind(value));
        }
        return value.asText();
    }

    static String optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new WireException("field '" + field + "' must be a string, got " + kind(value));
        }
        return value.asText();
    }

    static Long optionalLong(JsonNode node, String field, long min) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new WireException("field '" + field + "' must be an integer, got " + value);
        }
        if (value.asLong() < min) {
            throw new WireException("field '" + field + "' must be >= " + min + ", got " + value.asLong());
        }
        return value.asLong();
    }

    static long requireLong(JsonNode node, String field, long min) {
        Long value = optionalLong(node, field, min);
        if (value == null) {
            throw new WireException("missing field '" + field + "'");
        }
        return value;
    }

    static double requireFiniteDouble(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new WireException("field '" + field + "' must be a number, got " + (value == null ? "nothing" : value));
        }
        double d = value.asDouble();
        if (!Double.isFinite(d)) {
            throw new WireException("field '" + field + "' must be finite, got " + value);
        }
        return d;
    }

    static List<String> stringList(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new WireException("missing field '" + field + "'");
            }
            return List.of();
        }
        if (!value.isArray()) {
            throw new WireException("field '" + field + "' must be a list of strings, got " + kind(value));
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new WireException("field '" + field + "' must be a list of strings, got an element " + kind(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    static ObjectNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new WireException("field '" + field + "' must be an object, got " + kind(value));
        }
        return (ObjectNode) value;
    }

    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isNull() ? "null" : node.getNodeType().name().toLowerCase();
    }

    static byte[] write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
