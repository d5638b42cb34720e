package dev.prism.connectors.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes label sets ({@code v: 1}). */
public final class LabelSetCodec {
    private static final Set<String> FIELDS = Set.of("v", "name", "version", "labels", "templates", "mode", "temperature",
            "thresholds", "modalities");

    private LabelSetCodec() {}

    public static byte[] write(LabelSetRecord set) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("v", JsonFields.VERSION).put("name", set.name()).put("version", set.version());
        set.labels().forEach(node.putArray("labels")::add);
        set.templates().forEach(node.putArray("templates")::add);
        node.put("mode", set.mode());
        if (set.temperature() != null) {
            node.put("temperature", set.temperature());
        }
        if (!set.thresholds().isEmpty()) {
            ObjectNode thresholds = node.putObject("thresholds");
            set.thresholds().forEach(thresholds::put);
        }
        ArrayNode modalities = node.putArray("modalities");
        for (Modality m : Modality.values()) {
            if (set.modalities().contains(m)) {
                modalities.add(m.wireName());
            }
        }
        return JsonFields.write(node);
    }

    public static LabelSetRecord read(byte[] json) {
        ObjectNode node = JsonFields.parseObject(json, "label set");
        JsonFields.checkVersion(node, "label set");
        JsonFields.checkFields(node, FIELDS, "label set");
        String name = JsonFields.requireString(node, "name");
        if (name.isEmpty() || name.contains("@")) {
            throw new WireException("label set name must be non-empty and must not contain '@', got '" + name + "'");
        }
        List<String> labels = JsonFields.stringList(node, "labels", true);
        if (labels.isEmpty()) {
            throw new WireException("label set '" + name + "' has no labels");
        }
        List<String> templates = JsonFields.stringList(node, "templates", false);
        for (String template : templates) {
            if (!template.contains("{}")) {
                throw new WireException("template must contain '{}', got '" + template + "'");
            }
        }
        String mode = JsonFields.optionalString(node, "mode");
        if (mode == null) {
            mode = "single";
        } else if (!mode.equals("single") && !mode.equals("multi")) {
            throw new WireException("mode must be 'single' or 'multi', got '" + mode + "'");
        }
        Double temperature = null;
        if (node.has("temperature") && !node.get("temperature").isNull()) {
            temperature = JsonFields.requireFiniteDouble(node, "temperature");
            if (temperature <= 0) {
                throw new WireException("temperature must be > 0, got " + temperature);
            }
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        ObjectNode thresholdNode = JsonFields.object(node, "thresholds");
        if (thresholdNode != null) {
            Iterator<Map.Entry<String, JsonNode>> fields = thresholdNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!labels.contains(f.getKey())) {
                    throw new WireException("threshold given for unknown label '" + f.getKey() + "'");
                }
                thresholds.put(f.getKey(), JsonFields.requireFiniteDouble(thresholdNode, f.getKey()));
            }
        }
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        for (String m : JsonFields.stringList(node, "modalities", false)) {
            modalities.add(Modality.parse(m));
        }
        return new LabelSetRecord(name, JsonFields.requireLong(node, "version", 0), labels,
                templates.isEmpty() ? List.of("{}") : templates, mode, temperature, thresholds, modalities);
    }
}
