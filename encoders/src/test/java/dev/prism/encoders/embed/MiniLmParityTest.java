package dev.prism.encoders.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.prism.encoders.TestModels;
import dev.prism.encoders.text.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Built-in MiniLM vs langchain4j's AllMiniLmL6V2EmbeddingModel (the same ONNX file run by another stack). */
class MiniLmParityTest {

    @Test
    void cosineAtLeast09999OnEverySentence() throws Exception {
        List<String> sentences = ParitySentences.load();
        assertThat(sentences.size()).isGreaterThanOrEqualTo(200);
        TextEncoder ours = TestModels.minilm().requireText();
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();

        List<float[]> batched = ours.encodeAll(sentences);
        List<String> failures = new ArrayList<>();
        int longest = 0;
        try (TextTokenizer untruncated = TextTokenizer.fromJson(TestModels.resource("/all-minilm-l6-v2-tokenizer.json"), 0, false)) {
            for (String text : sentences) {
                longest = Math.max(longest, untruncated.tokenize(text).length());
            }
        }
        for (int i = 0; i < sentences.size(); i++) {
            String text = sentences.get(i);
            int tokens = ours.tokenize(text).length();
            float[] expected = reference.embed(text).content().vector();
            double cosine = Vectors.cosine(batched.get(i), expected);
            if (cosine < 0.9999) {
                failures.add(String.format("cosine %.6f (%d tokens): %s", cosine, tokens, text));
            }
        }
        assertThat(longest).as("longest parity text in tokens (before truncation)").isBetween(400, 500);
        assertThat(failures).isEmpty();
    }

    @Test
    void vectorsAreUnitLengthAnd384d() {
        float[] v = TestModels.minilm().requireText().encode("unit length");
        assertThat(v).hasSize(384);
        assertThat(Math.sqrt(Vectors.dot(v, v))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void twentyThousandTokenTextIsTruncatedNotAnError() {
        TextEncoder encoder = TestModels.minilm().requireText();
        String huge = "token ".repeat(20_000);
        // the tokenizer.json of all-MiniLM-L6-v2 declares truncation at 128 word pieces; Prism honours it
        assertThat(encoder.tokenize(huge).length()).isEqualTo(128);
        assertThat(encoder.tokenize(huge).truncated()).isTrue();
        assertThat(encoder.encode(huge)).hasSize(384);
    }
}
