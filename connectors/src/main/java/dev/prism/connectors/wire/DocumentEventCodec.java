package dev.prism.connectors.wire;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/** Reads and writes document events ({@code v: 1}); reading checks every rule and names the bad value. */
public final class DocumentEventCodec {
    private static final Set<String> FIELDS = Set.of("v", "id", "op", "text", "image", "metadata", "ts", "version");
    private static final Set<String> IMAGE_FIELDS = Set.of("b64", "uri");
    private static final Set<String> URI_SCHEMES = Set.of("http", "https");

    private final DocumentLimits limits;

    public DocumentEventCodec(DocumentLimits limits) {
        this.limits = limits;
    }

    public DocumentLimits limits() {
        return limits;
    }

    public DocumentEvent read(byte[] json) {
        ObjectNode node = JsonFields.parseObject(json, "document event");
        JsonFields.checkVersion(node, "document event");
        JsonFields.checkFields(node, FIELDS, "document event");
        String id = checkId(JsonFields.requireString(node, "id"));
        String opText = JsonFields.optionalString(node, "op");
        DocumentEvent.Op op;
        if (opText == null || opText.equals("upsert")) {
            op = DocumentEvent.Op.UPSERT;
        } else if (opText.equals("delete")) {
            op = DocumentEvent.Op.DELETE;
        } else {
            throw new WireException("unknown op '" + opText + "' (expected 'upsert' or 'delete')");
        }
        boolean hasText = node.has("text") && !node.get("text").isNull();
        boolean hasImage = node.has("image") && !node.get("image").isNull();
        String text = null;
        ImageRef image = null;
        if (op == DocumentEvent.Op.UPSERT) {
            if (hasText && hasImage) {
                throw new WireException("document has both 'text' and 'image'; send one per event");
            }
            if (!hasText && !hasImage) {
                throw new WireException("upsert needs 'text' or 'image', found neither");
            }
            if (hasText) {
                text = JsonFields.requireString(node, "text");
                if (text.length() > limits.maxTextChars()) {
                    throw new WireException("text has " + text.length() + " characters, over the limit of " + limits.maxTextChars());
                }
            } else {
                image = readImage(JsonFields.object(node, "image"));
            }
        } else if (hasText || hasImage) {
            throw new WireException("delete must not carry 'text' or 'image'");
        }
        return new DocumentEvent(id, op, text, image, Metadata.read(JsonFields.object(node, "metadata")),
                JsonFields.optionalLong(node, "ts", 0), JsonFields.optionalLong(node, "version", 0));
    }

    public String checkId(String id) {
        if (id.isEmpty()) {
            throw new WireException("field 'id' must not be empty");
        }
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxIdBytes()) {
            throw new WireException("id is " + bytes + " bytes of UTF-8, over the limit of " + limits.maxIdBytes());
        }
        return id;
    }

    private ImageRef readImage(ObjectNode image) {
        JsonFields.checkFields(image, IMAGE_FIELDS, "image");
        String b64 = JsonFields.optionalString(image, "b64");
        String uri = JsonFields.optionalString(image, "uri");
        if ((b64 == null) == (uri == null)) {
            throw new WireException("image needs exactly one of 'b64' and 'uri'");
        }
        if (uri != null) {
            try {
                URI parsed = new URI(uri);
                if (parsed.getScheme() == null || !URI_SCHEMES.contains(parsed.getScheme().toLowerCase())) {
                    throw new WireException("image.uri must be an http or https URI, got '" + uri + "'");
                }
            } catch (URISyntaxException e) {
                throw new WireException("image.uri is not a valid URI: " + e.getMessage());
            }
            return ImageRef.ofUri(uri);
        }
        // 4 base64 characters carry 3 bytes: refuse before decoding when the result must exceed the limit.
        long decodedEstimate = (long) b64.length() / 4 * 3;
        if (decodedEstimate > limits.maxImageBytes() + 3) {
            throw new WireException("image has about " + decodedEstimate + " bytes, over the limit of " + limits.maxImageBytes());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new WireException("image.b64 is not valid base64: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new WireException("image.b64 is empty");
        }
        if (bytes.length > limits.maxImageBytes()) {
            throw new WireException("image has " + bytes.length + " bytes, over the limit of " + limits.maxImageBytes());
        }
        return ImageRef.ofBytes(bytes);
    }

    public static byte[] write(DocumentEvent event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("v", JsonFields.VERSION);
        node.put("id", event.id());
        node.put("op", event.op() == DocumentEvent.Op.DELETE ? "delete" : "upsert");
        if (event.text() != null) {
            node.put("text", event.text());
        }
        if (event.image() != null) {
            ObjectNode image = node.putObject("image");
            if (event.image().bytes() != null) {
                image.put("b64", Base64.getEncoder().encodeToString(event.image().bytes()));
            } else {
                image.put("uri", event.image().uri());
            }
        }
        if (!event.metadata().isEmpty()) {
            node.set("metadata", Metadata.write(event.metadata()));
        }
        if (event.ts() != null) {
            node.put("ts", event.ts());
        }
        if (event.version() != null) {
            node.put("version", event.version());
        }
        return JsonFields.write(node);
    }
}
