package dev.prism.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentLimits;
import dev.prism.connectors.wire.SourceRef;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed records: each becomes a dead letter with the expected reason and origin; nothing throws. */
class MalformedDocumentTest {
    private static final DocumentRecordParser PARSER = new DocumentRecordParser(new DocumentLimits(512, 100_000, 1000), 64);

    private static Arguments bad(String key, String value, String expected) {
        return Arguments.of(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static String b64(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    static Stream<Arguments> malformed() {
        String nested = "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"metadata\":{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}}";
        StringBuilder manyFields = new StringBuilder("{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"metadata\":{");
        for (int i = 0; i < 257; i++) {
            manyFields.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        manyFields.append("}}");
        return Stream.of(
                bad("a", "{\"v\":1,", "invalid JSON: Unexpected end-of-input within/between Object entries"),
                bad("a", "", "document event is empty"),
                bad("a", "[1,2]", "document event must be a JSON object, got array"),
                bad("a", "\"hello\"", "document event must be a JSON object, got string"),
                bad("a", "{\"id\":\"a\",\"text\":\"t\"}", "missing field 'v' (wire format version) in document event"),
                bad("a", "{\"v\":\"1\",\"id\":\"a\",\"text\":\"t\"}", "field 'v' must be an integer, got \"1\""),
                bad("a", "{\"v\":2,\"id\":\"a\",\"text\":\"t\"}", "unsupported document event version 2 (this reader knows [1])"),
                bad("a", "{\"v\":1,\"text\":\"t\"}", "missing field 'id'"),
                bad("a", "{\"v\":1,\"id\":7,\"text\":\"t\"}", "field 'id' must be a string, got number"),
                bad("", "{\"v\":1,\"id\":\"\",\"text\":\"t\"}", "field 'id' must not be empty"),
                bad("x".repeat(513), "{\"v\":1,\"id\":\"" + "x".repeat(513) + "\",\"text\":\"t\"}", "id is 513 bytes of UTF-8, over the limit of 512"),
                bad("é".repeat(257), "{\"v\":1,\"id\":\"" + "é".repeat(257) + "\",\"text\":\"t\"}", "id is 514 bytes of UTF-8, over the limit of 512"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"op\":\"merge\",\"text\":\"t\"}", "unknown op 'merge' (expected 'upsert' or 'delete')"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"op\":3,\"text\":\"t\"}", "field 'op' must be a string, got number"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"image\":{\"uri\":\"https://x/y.jpg\"}}",
                        "document has both 'text' and 'image'; send one per event"),
                bad("a", "{\"v\":1,\"id\":\"a\"}", "upsert needs 'text' or 'image', found neither"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":{\"t\":1}}", "field 'text' must be a string, got object"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"" + "w".repeat(100_001) + "\"}", "text has 100001 characters, over the limit of 100000"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":\"cat.jpg\"}", "field 'image' must be an object, got string"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":{\"b64\":\"AAAA\",\"uri\":\"https://x\"}}", "image needs exactly one of 'b64' and 'uri'"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":{}}", "image needs exactly one of 'b64' and 'uri'"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":{\"b64\":\"!!!!\"}}", "image.b64 is not valid base64: Illegal base64 character 21"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":{\"b64\":\"" + b64(1002) + "\"}}", "image has 1002 bytes, over the limit of 1000"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":{\"b64\":\"" + b64(30_000) + "\"}}", "image has about 30000 bytes, over the limit of 1000"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":{\"b64\":\"\"}}", "image.b64 is empty"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":{\"uri\":\"ftp://host/x.jpg\"}}", "image.uri must be an http or https URI, got 'ftp://host/x.jpg'"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"image\":{\"path\":\"/etc/passwd\"}}", "unknown field 'path' in image"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"txt\":\"t\"}", "unknown field 'txt' in document event"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"metadata\":[1]}", "field 'metadata' must be an object, got array"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"metadata\":{\"a\":{\"b\":1}}}",
                        "metadata field 'a' must be a string, number, boolean or list of them, got object"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"metadata\":{\"tags\":[\"x\",{\"y\":1}]}}",
                        "metadata field 'tags' must be a string, number, boolean, got a list element object"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"metadata\":{\"a\":null}}",
                        "metadata field 'a' must be a string, number, boolean or list of them, got null"),
                bad("a", manyFields.toString(), "metadata has 257 fields, over the limit of 256"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"ts\":-5}", "field 'ts' must be >= 0, got -5"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"ts\":\"now\"}", "field 'ts' must be an integer, got \"now\""),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\",\"version\":1.5}", "field 'version' must be an integer, got 1.5"),
                bad("other", "{\"v\":1,\"id\":\"a\",\"text\":\"t\"}", "record key 'other' does not match id 'a'"),
                bad(null, null, "tombstone without a key: nothing to delete"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"op\":\"delete\",\"text\":\"t\"}", "delete must not carry 'text' or 'image'"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"id\":\"b\",\"text\":\"t\"}", "invalid JSON: Duplicate field 'id' for `ObjectNode`: not allowed when `DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY` enabled"),
                bad("a", "{\"v\":1,\"id\":\"a\",\"text\":\"t\"} \"x\"", "invalid JSON: Trailing token (of type VALUE_STRING) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"),
                bad("a", nested, "invalid JSON: Document nesting depth (65) exceeds the maximum allowed (64, from `StreamReadConstraints.getMaxNestingDepth()`)"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void becomesADeadLetterWithReasonAndOrigin(byte[] key, byte[] value, String expected) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("prism.text", 3, 1234L, key, value);
        ParsedDocument parsed = PARSER.parse(record);
        assertThat(parsed.isValid()).isFalse();
        DeadLetter letter = parsed.deadLetter();
        assertThat(letter.errorMessage()).isEqualTo(expected);
        assertThat(letter.stage()).isEqualTo(DeadLetter.STAGE_PARSE);
        assertThat(letter.errorClass()).isEqualTo("dev.prism.connectors.wire.WireException");
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        assertThat(letter.source()).isEqualTo(new SourceRef("prism.text", 3, 1234L, keyText));
        int size = value == null ? 0 : value.length;
        assertThat(letter.payloadSize()).isEqualTo(size);
        assertThat(letter.payload()).isEqualTo(value == null ? null : Arrays.copyOf(value, Math.min(size, 64)));
    }

    @Test
    void atLeastThirtyMalformedClassesAreCovered() {
        assertThat(malformed().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void keyThatIsNotUtf8() {
        ParsedDocument parsed = PARSER.parse(new ConsumerRecord<>("prism.images", 0, 5L, new byte[] {(byte) 0xff, (byte) 0xfe},
                "{\"v\":1,\"id\":\"a\",\"text\":\"t\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.deadLetter().errorMessage()).isEqualTo("record key is not valid UTF-8 (2 bytes)");
        assertThat(parsed.deadLetter().source()).isEqualTo(new SourceRef("prism.images", 0, 5L, null));
    }

    @Test
    void validRecordsAndTombstones() {
        ParsedDocument tombstone = PARSER.parse(new ConsumerRecord<>("prism.text", 0, 9L, "doc-9".getBytes(StandardCharsets.UTF_8), null));
        assertThat(tombstone.event()).isEqualTo(DocumentEvent.delete("doc-9"));
        assertThat(tombstone.source()).isEqualTo(new SourceRef("prism.text", 0, 9L, null));
        ParsedDocument text = PARSER.parse(new ConsumerRecord<>("prism.text", 1, 10L, "d".getBytes(StandardCharsets.UTF_8),
                "{\"v\":1,\"id\":\"d\",\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.event().text()).isEqualTo("hello");
        ParsedDocument keyless = PARSER.parse(new ConsumerRecord<>("prism.text", 1, 11L, null,
                "{\"v\":1,\"id\":\"d\",\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(keyless.isValid()).isTrue();
    }
}
