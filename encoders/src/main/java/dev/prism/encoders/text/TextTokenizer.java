package dev.prism.encoders.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/**
 * A Hugging Face tokenizer (DJL's Rust binding) configured for embedding: special tokens added,
 * truncation at the model's limit (over-long text is cut, never an error), no padding (the batcher pads
 * to the longest item). For CLIP, HTML entities are unescaped first, as OpenAI's tokenizer does.
 * Thread-safe: the native tokenizer is immutable after construction.
 */
public final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final boolean unescapeHtml;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens, boolean unescapeHtml) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.unescapeHtml = unescapeHtml;
    }

    /**
     * @param tokenizerJson the bytes of a tokenizer.json
     * @param maxTokens     truncation limit, special tokens included; {@code <= 0} disables truncation. When the
     *                      tokenizer.json declares its own, lower truncation (all-MiniLM-L6-v2's says 128), that
     *                      one wins: it is the length the model was exported and is used with elsewhere.
     */
    public static TextTokenizer fromJson(byte[] tokenizerJson, int maxTokens, boolean unescapeHtml) throws IOException {
        int declared = declaredTruncation(tokenizerJson);
        if (maxTokens > 0 && declared > 0) {
            maxTokens = Math.min(maxTokens, declared);
        }
        Map<String, String> options = maxTokens > 0
                ? Map.of("addSpecialTokens", "true", "truncation", "true", "padding", "false",
                        "maxLength", Integer.toString(maxTokens), "modelMaxLength", Integer.toString(maxTokens))
                : Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false",
                        "modelMaxLength", Integer.toString(Integer.MAX_VALUE));
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), options);
        return new TextTokenizer(tokenizer, maxTokens, unescapeHtml);
    }

    /** truncation.max_length of a tokenizer.json, or 0 when it declares none. */
    static int declaredTruncation(byte[] tokenizerJson) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(tokenizerJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("tokenizer.json must hold a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("truncation")) {
                    if (value != JsonToken.START_OBJECT) {
                        return 0;
                    }
                    JsonNode truncation = new ObjectMapper().readTree(parser);
                    return truncation.path("max_length").asInt(0);
                }
                parser.skipChildren();
            }
            return 0;
        }
    }

    public int maxTokens() {
        return maxTokens;
    }

    public TokenizedText tokenize(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        String input = unescapeHtml ? StringEscapeUtils.unescapeHtml4(text) : text;
        Encoding encoding = tokenizer.encode(input, true, false);
        return new TokenizedText(encoding.getIds(), encoding.getTypeIds(), encoding.exceedMaxLength());
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
