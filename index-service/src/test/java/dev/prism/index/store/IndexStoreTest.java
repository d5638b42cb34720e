package dev.prism.index.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.encoders.embed.Vectors;
import dev.prism.index.query.Hit;
import dev.prism.index.query.QueryEngine;
import dev.prism.index.query.SearchRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

public class IndexStoreTest {
    public static float[] randomUnit(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    static VectorRecord record(String id, long version, long offset, float[] vector, Map<String, Object> metadata) {
        return new VectorRecord(id, Modality.TEXT, "test@1", vector, metadata, List.of(), version, new SourceRef("prism.text", 0, offset, null), null);
    }

    @Test
    void replayingOlderVersionsNeverRegressesANewerDocument() throws Exception {
        try (IndexStore store = new IndexStore(new ByteBuffersDirectory(), IndexSettings.DEFAULT)) {
            Random random = new Random(1);
            assertThat(store.upsert(record("a", 2, 20, randomUnit(random, 8), Map.of("rev", 2L)))).isEqualTo(IndexStore.Applied.UPSERTED);
            assertThat(store.upsert(record("a", 1, 10, randomUnit(random, 8), Map.of("rev", 1L)))).isEqualTo(IndexStore.Applied.STALE);
            assertThat(store.upsert(record("a", 2, 20, randomUnit(random, 8), Map.of("rev", 2L)))).as("same version again").isEqualTo(IndexStore.Applied.STALE);
            store.refresh();
            assertThat(store.get("a", false).version()).isEqualTo(2);
            assertThat(store.get("a", false).metadata().get("rev").asLong()).isEqualTo(2);

            assertThat(store.delete("a", 3L, 30L)).isEqualTo(IndexStore.Applied.DELETED);
            store.refresh();
            assertThat(store.upsert(record("a", 2, 20, randomUnit(random, 8), Map.of()))).as("an old upsert after the delete")
                    .isEqualTo(IndexStore.Applied.STALE);
            store.refresh();
            assertThat(store.get("a", false)).as("deleted documents do not come back").isNull();
            assertThat(store.upsert(record("a", 4, 40, randomUnit(random, 8), Map.of("rev", 4L)))).isEqualTo(IndexStore.Applied.UPSERTED);
            store.refresh();
            assertThat(store.get("a", false).version()).isEqualTo(4);
            assertThat(store.delete("a", 3L, 30L)).as("an old delete").isEqualTo(IndexStore.Applied.STALE);
            assertThat(store.upsert(new VectorRecord("b", Modality.TEXT, "other@1", randomUnit(random, 8), Map.of(), List.of(), 1, null, null)))
                    .as("another model").isEqualTo(IndexStore.Applied.REJECTED);
            assertThat(store.upsert(record("c", 1, 1, randomUnit(random, 9), Map.of()))).as("another dimension")
                    .isEqualTo(IndexStore.Applied.REJECTED);
        }
    }

    @Test
    void recallAtTenIsAtLeast095AtDefaultSettingsOn20000Vectors() throws Exception {
        int dim = 64;
        Random random = new Random(7);
        List<float[]> vectors = new ArrayList<>();
        try (IndexStore store = new IndexStore(new ByteBuffersDirectory(), IndexSettings.DEFAULT)) {
            for (int i = 0; i < 20_000; i++) {
                float[] v = randomUnit(random, dim);
                vectors.add(v);
                store.upsert(record("d" + i, 1, i, v, Map.of()));
            }
            store.refresh();
            QueryEngine engine = new QueryEngine(store, null);
            double recall = 0;
            int queries = 100;
            for (int q = 0; q < queries; q++) {
                float[] query = randomUnit(random, dim);
                Set<String> exact = new HashSet<>(exactTop(vectors, query, 10, i -> true));
                List<Hit> hits = engine.search(new SearchRequest(null, null, query, null, 10, SearchRequest.defaultCandidates(10),
                        SearchRequest.Filter.NONE, null, 0, false, false));
                recall += hits.stream().filter(h -> exact.contains(h.id())).count() / 10.0;
            }
            recall /= queries;
            System.out.printf("recall@10 on 20,000 random unit %d-d vectors, M=16, beam 100, num_candidates 200 (default for k=10): %.4f%n", dim, recall);
            assertThat(recall).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void filterMatchingHalfAPercentStillReturnsTheTrueTopTen() throws Exception {
        int dim = 64;
        Random random = new Random(9);
        List<float[]> vectors = new ArrayList<>();
        try (IndexStore store = new IndexStore(new ByteBuffersDirectory(), IndexSettings.DEFAULT)) {
            for (int i = 0; i < 20_000; i++) {
                float[] v = randomUnit(random, dim);
                vectors.add(v);
                store.upsert(record("d" + i, 1, i, v, Map.of("group", i % 200 == 0 ? "rare" : "common", "n", (long) i)));
            }
            store.refresh();
            QueryEngine engine = new QueryEngine(store, null);
            SearchRequest.Filter rare = new SearchRequest.Filter(null, Map.of("group", List.of("rare")), Map.of(), List.of());
            for (int q = 0; q < 20; q++) {
                float[] query = randomUnit(random, dim);
                List<String> exact = exactTop(vectors, query, 10, i -> i % 200 == 0);
                List<Hit> hits = engine.search(new SearchRequest(null, null, query, null, 10, 100, rare, null, 0, false, false));
                assertThat(hits).extracting(Hit::id).containsExactlyElementsOf(exact);
            }
            SearchRequest.Filter range = new SearchRequest.Filter(null, Map.of(), Map.of("n", new SearchRequest.Range(null, 100.0, 200.0, null)),
                    List.of());
            float[] query = randomUnit(random, dim);
            assertThat(engine.search(new SearchRequest(null, null, query, null, 10, 100, range, null, 0, false, false)))
                    .extracting(Hit::id).containsExactlyElementsOf(exactTop(vectors, query, 10, i -> i >= 100 && i < 200));
        }
    }

    static List<String> exactTop(List<float[]> vectors, float[] query, int k, java.util.function.IntPredicate keep) {
        return IntStream.range(0, vectors.size()).filter(keep).boxed()
                .sorted(Comparator.comparingDouble(i -> -Vectors.dot(query, vectors.get(i))))
                .limit(k).map(i -> "d" + i).toList();
    }
}
