package dev.prism.encoders.text;

/**
 * One text after tokenisation, before padding: ids with the model's special tokens, token type ids, and
 * whether the text was truncated to the model's limit.
 */
public record TokenizedText(long[] ids, long[] typeIds, boolean truncated) {
    public int length() {
        return ids.length;
    }
}
