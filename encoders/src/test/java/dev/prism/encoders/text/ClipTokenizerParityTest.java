package dev.prism.encoders.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.encoders.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokenizer built from OpenAI's merges file vs the ids OpenAI's reference tokenizer produced. */
class ClipTokenizerParityTest {
    private static TextTokenizer untruncated;
    private static TextTokenizer truncated;

    @BeforeAll
    static void load() throws Exception {
        Path merges = SharedData.require("clip/bpe_simple_vocab_16e6.txt.gz");
        byte[] json;
        try (InputStream in = Files.newInputStream(merges)) {
            json = ClipTokenizerJson.fromMerges(in);
        }
        untruncated = TextTokenizer.fromJson(json, 0, true);
        truncated = TextTokenizer.fromJson(json, 77, true);
    }

    @AfterAll
    static void close() {
        if (untruncated != null) {
            untruncated.close();
            truncated.close();
        }
    }

    @Test
    void everyReferenceLineMatchesExactly() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(SharedData.require("clip/clip_tokens_dev.jsonl"));
        List<String> mismatches = new ArrayList<>();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            long[] expected = new long[row.get("ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = row.get("ids").get(i).asLong();
            }
            long[] actual = untruncated.tokenize(row.get("text").asText()).ids();
            if (!Arrays.equals(expected, actual)) {
                mismatches.add(row.get("text").asText() + "\n  expected " + Arrays.toString(expected)
                        + "\n  actual   " + Arrays.toString(actual));
            }
        }
        assertThat(lines).hasSizeGreaterThan(300);
        assertThat(mismatches).as("lines whose ids differ from the reference").isEmpty();
    }

    @Test
    void longTextIsTruncatedToTheContextWithEndToken() {
        TokenizedText tokens = truncated.tokenize("word ".repeat(20_000));
        assertThat(tokens.length()).isEqualTo(77);
        assertThat(tokens.truncated()).isTrue();
        assertThat(tokens.ids()[0]).isEqualTo(49406);
        assertThat(tokens.ids()[76]).isEqualTo(49407);
    }

    @Test
    void htmlEntitiesAreUnescapedAsTheReferenceDoes() {
        assertThat(untruncated.tokenize("fish &amp; chips").ids()).isEqualTo(untruncated.tokenize("fish & chips").ids());
    }
}
