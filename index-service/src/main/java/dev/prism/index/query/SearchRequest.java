package dev.prism.index.query;

import java.util.List;
import java.util.Map;

/**
 * A search: exactly one of {@code text}, {@code image}, {@code vector}, {@code id} ("more like this");
 * {@code k} results after {@code offset}, from {@code numCandidates} HNSW candidates (separate knobs, so
 * recall can be raised without returning more); optional filter, minimum cosine, hybrid BM25 + vector.
 */
public record SearchRequest(String text, byte[] image, float[] vector, String id, int k, int numCandidates, Filter filter,
                            Double minScore, int offset, boolean hybrid, boolean includeVectors) {
    public static final int MAX_K = 1000;
    public static final int MAX_CANDIDATES = 10_000;
    public static final int MAX_OFFSET = 10_000;

    /** Conjunction of: modality, metadata values (any of the listed per key), numeric ranges, tags (all listed). */
    public record Filter(String modality, Map<String, List<String>> metadata, Map<String, Range> ranges, List<String> tags) {
        public static final Filter NONE = new Filter(null, Map.of(), Map.of(), List.of());

        public boolean isEmpty() {
            return modality == null && metadata.isEmpty() && ranges.isEmpty() && tags.isEmpty();
        }
    }

    public record Range(Double gt, Double gte, Double lt, Double lte) {}

    public static int defaultCandidates(int k) {
        return Math.min(MAX_CANDIDATES, Math.max(200, 20 * k));
    }
}
