package dev.prism.connectors.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads and writes tag events ({@code v: 1}). */
public final class TagEventCodec {
    private static final Set<String> FIELDS = Set.of("v", "id", "modality", "labelSet", "labels");

    private TagEventCodec() {}

    public static byte[] write(TagEvent event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("v", JsonFields.VERSION).put("id", event.id()).put("modality", event.modality().wireName())
                .put("labelSet", event.labelSet());
        ArrayNode labels = node.putArray("labels");
        for (TagEvent.Label label : event.labels()) {
            labels.addObject().put("label", label.label()).put("probability", label.probability()).put("cosine", label.cosine());
        }
        return JsonFields.write(node);
    }

    public static TagEvent read(byte[] json) {
        ObjectNode node = JsonFields.parseObject(json, "tag event");
        JsonFields.checkVersion(node, "tag event");
        JsonFields.checkFields(node, FIELDS, "tag event");
        JsonNode labelsNode = node.get("labels");
        if (labelsNode == null || !labelsNode.isArray()) {
            throw new WireException("field 'labels' must be a list");
        }
        List<TagEvent.Label> labels = new ArrayList<>();
        for (JsonNode label : labelsNode) {
            labels.add(new TagEvent.Label(JsonFields.requireString(label, "label"), JsonFields.requireFiniteDouble(label, "probability"),
                    JsonFields.requireFiniteDouble(label, "cosine")));
        }
        return new TagEvent(JsonFields.requireString(node, "id"), Modality.parse(JsonFields.requireString(node, "modality")),
                JsonFields.requireString(node, "labelSet"), labels);
    }
}
