package dev.prism.connectors.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Round trips of every record type, and the committed v1 fixture bytes that must keep parsing. */
class WireFormatTest {
    private static final DocumentEventCodec DOCUMENTS = new DocumentEventCodec(DocumentLimits.DEFAULT);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = WireFormatTest.class.getResourceAsStream("/wire/v1/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void v1DocumentFixturesStillParse() throws Exception {
        assertThat(DOCUMENTS.read(fixture("document-text.json"))).isEqualTo(new DocumentEvent("doc-1", DocumentEvent.Op.UPSERT,
                "A steaming cup of green tea.", null,
                Map.of("lang", "en", "year", 2024L, "score", 0.75, "public", true, "tags", List.of("tea", "drink")),
                1764201600000L, 3L));
        assertThat(DOCUMENTS.read(fixture("document-image.json")))
                .isEqualTo(DocumentEvent.image("images/cup.png", ImageRef.ofBytes(PNG_MAGIC), Map.of("source", "camera")));
        assertThat(DOCUMENTS.read(fixture("document-image-uri.json")))
                .isEqualTo(DocumentEvent.image("remote-1", ImageRef.ofUri("https://example.com/cup.jpg"), Map.of()));
        assertThat(DOCUMENTS.read(fixture("document-delete.json"))).isEqualTo(DocumentEvent.delete("doc-1"));
    }

    @Test
    void v1OutputFixturesStillParse() throws Exception {
        assertThat(VectorRecordCodec.read(fixture("vector.json"))).isEqualTo(new VectorRecord("doc-1", Modality.TEXT,
                "all-minilm-l6-v2@1", new float[] {0.5f, -1.0f, 0.25f}, Map.of("lang", "en"),
                List.of(new VectorRecord.Tag("topics@2", "drinks", 0.93, 0.41)), 3,
                new SourceRef("prism.text", 0, 42, null), PNG_MAGIC));
        assertThat(LabelSetCodec.read(fixture("labelset.json"))).isEqualTo(new LabelSetRecord("topics", 2,
                List.of("drinks", "sports"), List.of("This text is about {}."), "multi", 0.05, Map.of("drinks", 0.3),
                Set.of(Modality.TEXT)));
        assertThat(TagEventCodec.read(fixture("tag.json"))).isEqualTo(new TagEvent("doc-1", Modality.TEXT, "topics@2",
                List.of(new TagEvent.Label("drinks", 0.93, 0.41))));
        assertThat(DeadLetterCodec.read(fixture("deadletter.json"))).isEqualTo(new DeadLetter("parse",
                "dev.prism.connectors.wire.WireException", "missing field 'id'", new SourceRef("prism.text", 1, 7, "k"),
                "{\"v\":1}".getBytes(), 7, 1764201600000L));
    }

    @Test
    void everyRecordTypeRoundTrips() {
        DocumentEvent text = new DocumentEvent("ü-1", DocumentEvent.Op.UPSERT, "héllo", null,
                Map.of("n", 1L, "x", 2.5, "b", false, "l", List.of(1L, "two", true)), 5L, 9L);
        assertThat(DOCUMENTS.read(DocumentEventCodec.write(text))).isEqualTo(text);
        DocumentEvent image = DocumentEvent.image("img", ImageRef.ofBytes(new byte[] {1, 2, 3}), Map.of());
        assertThat(DOCUMENTS.read(DocumentEventCodec.write(image))).isEqualTo(image);
        assertThat(DOCUMENTS.read(DocumentEventCodec.write(DocumentEvent.delete("gone")))).isEqualTo(DocumentEvent.delete("gone"));

        VectorRecord vector = new VectorRecord("a", Modality.IMAGE, "m@1", new float[] {Float.MIN_VALUE, -0.0f, 1e30f},
                Map.of("k", "v"), List.of(new VectorRecord.Tag("s@1", "cat", 0.5, -0.25)), 12, new SourceRef("t", 3, 4, null), null);
        assertThat(VectorRecordCodec.read(VectorRecordCodec.write(vector))).isEqualTo(vector);
        LabelSetRecord set = new LabelSetRecord("s", 1, List.of("a", "b"), List.of("{}"), "single", null, Map.of(), null);
        assertThat(LabelSetCodec.read(LabelSetCodec.write(set))).isEqualTo(set);
        TagEvent tag = new TagEvent("a", Modality.IMAGE, "s@1", List.of(new TagEvent.Label("cat", 0.9, 0.3)));
        assertThat(TagEventCodec.read(TagEventCodec.write(tag))).isEqualTo(tag);
        DeadLetter letter = new DeadLetter("encode", "X", "bad", new SourceRef("t", 0, 1, null), null, 0, 2);
        assertThat(DeadLetterCodec.read(DeadLetterCodec.write(letter))).isEqualTo(letter);
    }

    @Test
    void everyRecordTypeCarriesVersion1() {
        assertThat(new String(DocumentEventCodec.write(DocumentEvent.delete("x")))).startsWith("{\"v\":1,");
        assertThat(new String(TagEventCodec.write(new TagEvent("a", Modality.TEXT, "s@1", List.of())))).startsWith("{\"v\":1,");
    }

    @Test
    void vectorsAreCheckedForLengthAndFiniteness() {
        assertThat(FloatVectors.decode(FloatVectors.encode(new float[] {1f, 2f}), 2)).containsExactly(1f, 2f);
        assertThatThrownBy(() -> FloatVectors.decode(FloatVectors.encode(new float[] {1f, 2f}), 3))
                .hasMessage("vector has 8 bytes, expected 4 x dim = 12");
        assertThatThrownBy(() -> FloatVectors.decode(FloatVectors.encode(new float[] {1f, Float.NaN}), 2))
                .hasMessage("vector element 1 is not finite: NaN");
        assertThatThrownBy(() -> FloatVectors.decode("***", 1)).hasMessageStartingWith("vector is not valid base64:");
    }

    @Test
    void unknownVersionsAreRejectedForEveryType() {
        assertThatThrownBy(() -> VectorRecordCodec.read("{\"v\":2}".getBytes())).hasMessage(
                "unsupported vector record version 2 (this reader knows [1])");
        assertThatThrownBy(() -> LabelSetCodec.read("{\"v\":7}".getBytes())).hasMessage(
                "unsupported label set version 7 (this reader knows [1])");
        assertThatThrownBy(() -> TagEventCodec.read("{\"v\":0}".getBytes())).hasMessage(
                "unsupported tag event version 0 (this reader knows [1])");
        assertThatThrownBy(() -> DeadLetterCodec.read("{}".getBytes())).hasMessage(
                "missing field 'v' (wire format version) in dead letter");
    }
}
