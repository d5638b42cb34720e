package dev.prism.connectors.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Reads and writes vector records ({@code v: 1}). */
public final class VectorRecordCodec {
    private static final Set<String> FIELDS = Set.of("v", "id", "modality", "model", "vector", "metadata", "tags", "version",
            "source", "thumbnail", "text");
    public static final int MAX_DIM = 65_536;

    private VectorRecordCodec() {}

    public static byte[] write(VectorRecord record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("v", JsonFields.VERSION);
        node.put("id", record.id());
        node.put("modality", record.modality().wireName());
        node.putObject("model").put("id", record.modelId()).put("dim", record.dim());
        node.put("vector", FloatVectors.encode(record.vector()));
        node.set("metadata", Metadata.write(record.metadata()));
        ArrayNode tags = node.putArray("tags");
        for (VectorRecord.Tag tag : record.tags()) {
            tags.addObject().put("labelSet", tag.labelSet()).put("label", tag.label())
                    .put("probability", tag.probability()).put("cosine", tag.cosine());
        }
        node.put("version", record.version());
        if (record.source() != null) {
            node.putObject("source").put("topic", record.source().topic()).put("partition", record.source().partition())
                    .put("offset", record.source().offset());
        }
        if (record.thumbnail() != null) {
            node.put("thumbnail", Base64.getEncoder().encodeToString(record.thumbnail()));
        }
        if (record.text() != null) {
            node.put("text", record.text());
        }
        return JsonFields.write(node);
    }

    public static VectorRecord read(byte[] json) {
        ObjectNode node = JsonFields.parseObject(json, "vector record");
        JsonFields.checkVersion(node, "vector record");
        JsonFields.checkFields(node, FIELDS, "vector record");
        String id = JsonFields.requireString(node, "id");
        if (id.isEmpty()) {
            throw new WireException("field 'id' must not be empty");
        }
        ObjectNode model = JsonFields.object(node, "model");
        if (model == null) {
            throw new WireException("missing field 'model'");
        }
        String modelId = JsonFields.requireString(model, "id");
        long dim = JsonFields.requireLong(model, "dim", 1);
        if (dim > MAX_DIM) {
            throw new WireException("model.dim must be in [1, " + MAX_DIM + "], got " + dim);
        }
        float[] vector = FloatVectors.decode(JsonFields.requireString(node, "vector"), (int) dim);
        List<VectorRecord.Tag> tags = new ArrayList<>();
        JsonNode tagsNode = node.get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                throw new WireException("field 'tags' must be a list, got " + JsonFields.kind(tagsNode));
            }
            for (JsonNode tag : tagsNode) {
                tags.add(new VectorRecord.Tag(JsonFields.requireString(tag, "labelSet"), JsonFields.requireString(tag, "label"),
                        JsonFields.requireFiniteDouble(tag, "probability"), JsonFields.requireFiniteDouble(tag, "cosine")));
            }
        }
        SourceRef source = null;
        ObjectNode sourceNode = JsonFields.object(node, "source");
        if (sourceNode != null) {
            source = new SourceRef(JsonFields.requireString(sourceNode, "topic"),
                    (int) JsonFields.requireLong(sourceNode, "partition", 0), JsonFields.requireLong(sourceNode, "offset", 0), null);
        }
        String thumbnail = JsonFields.optionalString(node, "thumbnail");
        byte[] thumbnailBytes = null;
        if (thumbnail != null) {
            try {
                thumbnailBytes = Base64.getDecoder().decode(thumbnail);
            } catch (IllegalArgumentException e) {
                throw new WireException("thumbnail is not valid base64: " + e.getMessage());
            }
        }
        return new VectorRecord(id, Modality.parse(JsonFields.requireString(node, "modality")), modelId, vector,
                Metadata.read(JsonFields.object(node, "metadata")), tags, JsonFields.requireLong(node, "version", 0), source,
                thumbnailBytes, JsonFields.optionalString(node, "text"));
    }
}
