package dev.prism.encoders.embed;

import ai.onnxruntime.OrtException;
import dev.prism.encoders.batch.BatchStats;
import dev.prism.encoders.batch.DynamicBatcher;
import dev.prism.encoders.text.TextTokenizer;
import dev.prism.encoders.text.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Text → vector. {@link #encode} runs one text directly; {@link #encodeAll} sorts a bulk input by length
 * so batches carry little padding; {@link #encodeAsync} goes through the JVM-wide dynamic batcher.
 * Tokenisation happens on the caller's thread. Thread-safe.
 */
public final class TextEncoder implements AutoCloseable {
    private final TextTokenizer tokenizer;
    private final OnnxTextModel model;
    private final DynamicBatcher<TokenizedText, float[]> batcher;
    private final int maxBatch;

    TextEncoder(String name, TextTokenizer tokenizer, OnnxTextModel model, dev.prism.encoders.batch.BatcherConfig batching) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.maxBatch = batching.maxBatchSize();
        // A dynamic batch arrives in random length order: sort it and split it by padded tokens, as bulk encoding does.
        this.batcher = new DynamicBatcher<>(name + "-text", batching,
                items -> Arrays.asList(embedSorted(items, batching.maxBatchSize(), DEFAULT_BATCH_TOKENS)));
    }

    public TokenizedText tokenize(String text) {
        return tokenizer.tokenize(text);
    }

    public float[] encode(String text) {
        return embedTokens(List.of(tokenize(text)))[0];
    }

    /**
     * Padded tokens per bulk batch. Attention cost grows with batch × length², so long texts go in smaller
     * batches; measured on 2 cores, ~1,000 padded tokens per call is where MiniLM throughput peaks.
     */
    public static final int DEFAULT_BATCH_TOKENS = 1024;

    public List<float[]> encodeAll(List<String> texts) {
        return encodeAll(texts, maxBatch, DEFAULT_BATCH_TOKENS);
    }

    /** Bulk encoding in batches of exactly {@code batchSize} (the last may be smaller). */
    public List<float[]> encodeAll(List<String> texts, int batchSize) {
        return encodeAll(texts, batchSize, Integer.MAX_VALUE);
    }

    /**
     * Bulk encoding, texts sorted by token length so batches carry little padding; a batch closes at
     * {@code batchSize} texts or when its padded size would exceed {@code maxBatchTokens}. Results come
     * back in input order.
     */
    public List<float[]> encodeAll(List<String> texts, int batchSize, int maxBatchTokens) {
        List<TokenizedText> tokens = new ArrayList<>(texts.size());
        for (String text : texts) {
            tokens.add(tokenize(text));
        }
        return Arrays.asList(embedSorted(tokens, batchSize, maxBatchTokens));
    }

    /**
     * Runs tokenised texts sorted by length, in batches of at most {@code batchSize} texts and
     * {@code maxBatchTokens} padded tokens; results in input order.
     */
    float[][] embedSorted(List<TokenizedText> tokens, int batchSize, int maxBatchTokens) {
        Integer[] order = new Integer[tokens.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> tokens.get(i).length()));
        float[][] out = new float[tokens.size()][];
        int end;
        for (int start = 0; start < order.length; start = end) {
            end = start + 1;
            // sorted ascending, so the newest item is the longest: padded size = count × its length
            while (end < order.length && end - start < batchSize
                    && (long) (end - start + 1) * tokens.get(order[end]).length() <= maxBatchTokens) {
                end++;
            }
            List<TokenizedText> batch = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                batch.add(tokens.get(order[i]));
            }
            float[][] vectors = embedTokens(batch);
            for (int i = start; i < end; i++) {
                out[order[i]] = vectors[i - start];
            }
        }
        return out;
    }

    /** Queues a text for the dynamic batcher; blocks while the batcher is full (backpressure). */
    public CompletableFuture<float[]> encodeAsync(String text) {
        TokenizedText tokens;
        try {
            tokens = tokenize(text);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            return batcher.submit(tokens);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Runs already-tokenised texts as one batch (normalised if the model says so). */
    public float[][] embedTokens(List<TokenizedText> batch) {
        try {
            return model.embed(batch);
        } catch (OrtException e) {
            throw new EncoderRuntimeException("text model failed on a batch of " + batch.size() + ": " + e.getMessage(), e);
        }
    }

    /** The model's pooled output before normalisation; for parity checks against reference outputs. */
    public float[][] rawEmbeddings(List<TokenizedText> batch) {
        try {
            return model.pooled(batch);
        } catch (OrtException e) {
            throw new EncoderRuntimeException("text model failed on a batch of " + batch.size() + ": " + e.getMessage(), e);
        }
    }

    public BatchStats batchStats() {
        return batcher.stats();
    }

    public DynamicBatcher<TokenizedText, float[]> batcher() {
        return batcher;
    }

    @Override
    public void close() {
        batcher.close();
        model.session().close();
        tokenizer.close();
    }
}
