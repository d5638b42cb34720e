package dev.prism.connectors.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Document metadata: a flat map of string keys to a string, number, boolean, or a list of those.
 * Values are held as String, Long, Double, Boolean or List of them.
 */
public final class Metadata {
    public static final int MAX_FIELDS = 256;
    public static final int MAX_KEY_LENGTH = 256;
    public static final int MAX_LIST_LENGTH = 1024;

    private Metadata() {}

    public static Map<String, Object> read(ObjectNode node) {
        if (node == null) {
            return Map.of();
        }
        if (node.size() > MAX_FIELDS) {
            throw new WireException("metadata has " + node.size() + " fields, over the limit of " + MAX_FIELDS);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw new WireException("metadata key must have 1 to " + MAX_KEY_LENGTH + " characters, got " + key.length());
            }
            JsonNode value = field.getValue();
            if (value.isArray()) {
                if (value.size() > MAX_LIST_LENGTH) {
                    throw new WireException("metadata field '" + key + "' has a list of " + value.size()
                            + " values, over the limit of " + MAX_LIST_LENGTH);
                }
                List<Object> list = new ArrayList<>(value.size());
                for (JsonNode item : value) {
                    list.add(scalar(key, item, true));
                }
                out.put(key, List.copyOf(list));
            } else {
                out.put(key, scalar(key, value, false));
            }
        }
        return out;
    }

    private static Object scalar(String key, JsonNode value, boolean inList) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isNumber() && Double.isFinite(value.asDouble())) {
            return value.asDouble();
        }
        throw new WireException("metadata field '" + key + "' must be a string, number, boolean"
                + (inList ? "" : " or list of them") + ", got " + (inList ? "a list element " : "") + JsonFields.kind(value));
    }

    public static ObjectNode write(Map<String, Object> metadata) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        metadata.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                ArrayNode array = node.putArray(key);
                for (Object item : list) {
                    array.add(toNode(item));
                }
            } else {
                node.set(key, toNode(value));
            }
        });
        return node;
    }

    private static JsonNode toNode(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof String s) {
            return f.textNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Long || value instanceof Integer) {
            return f.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        throw new IllegalArgumentException("metadata values must be String, Number, Boolean or List, got " + value.getClass());
    }
}
