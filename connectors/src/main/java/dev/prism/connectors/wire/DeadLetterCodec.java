package dev.prism.connectors.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Set;

/** Reads and writes dead letters ({@code v: 1}). */
public final class DeadLetterCodec {
    private static final Set<String> FIELDS = Set.of("v", "stage", "error", "source", "payload", "payloadSize", "ts");

    private DeadLetterCodec() {}

    public static byte[] write(DeadLetter letter) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("v", JsonFields.VERSION).put("stage", letter.stage());
        node.putObject("error").put("class", letter.errorClass()).put("message", letter.errorMessage());
        ObjectNode source = node.putObject("source");
        source.put("topic", letter.source().topic()).put("partition", letter.source().partition())
                .put("offset", letter.source().offset());
        if (letter.source().key() != null) {
            source.put("key", letter.source().key());
        } else {
            source.putNull("key");
        }
        if (letter.payload() != null) {
            node.put("payload", Base64.getEncoder().encodeToString(letter.payload()));
        } else {
            node.putNull("payload");
        }
        node.put("payloadSize", letter.payloadSize()).put("ts", letter.ts());
        return JsonFields.write(node);
    }

    public static DeadLetter read(byte[] json) {
        ObjectNode node = JsonFields.parseObject(json, "dead letter");
        JsonFields.checkVersion(node, "dead letter");
        JsonFields.checkFields(node, FIELDS, "dead letter");
        ObjectNode error = JsonFields.object(node, "error");
        ObjectNode source = JsonFields.object(node, "source");
        if (error == null || source == null) {
            throw new WireException("dead letter needs 'error' and 'source'");
        }
        String payload = JsonFields.optionalString(node, "payload");
        return new DeadLetter(JsonFields.requireString(node, "stage"), JsonFields.requireString(error, "class"),
                JsonFields.requireString(error, "message"),
                new SourceRef(JsonFields.requireString(source, "topic"), (int) JsonFields.requireLong(source, "partition", 0),
                        JsonFields.requireLong(source, "offset", 0), JsonFields.optionalString(source, "key")),
                payload == null ? null : Base64.getDecoder().decode(payload),
                (int) JsonFields.requireLong(node, "payloadSize", 0), JsonFields.requireLong(node, "ts", 0));
    }
}
