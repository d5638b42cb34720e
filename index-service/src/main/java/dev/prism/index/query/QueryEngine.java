package dev.prism.index.query;

import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.Vectors;
import dev.prism.index.store.IndexSchema;
import dev.prism.index.store.IndexStore;
import dev.prism.index.store.StoredDoc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * kNN search over the index with filters, minimum cosine and pagination; "more like this" by id; hybrid
 * BM25 + vector with reciprocal rank fusion. Query text and images are encoded with the index's own model;
 * a service without a model accepts only vectors and ids.
 */
public final class QueryEngine {
    static final int RRF_K = 60;

    private final IndexStore store;
    private final EmbeddingModel model;
    private final Analyzer analyzer = new StandardAnalyzer();

    public QueryEngine(IndexStore store, EmbeddingModel model) {
        this.store = store;
        this.model = model;
    }

    public EmbeddingModel model() {
        return model;
    }

    public List<Hit> search(SearchRequest request) throws IOException {
        IndexSearcher searcher = store.searcher();
        try {
            float[] query = queryVector(searcher, request);
            Query filter = filter(request.filter(), request.id());
            // tombstones have no vector, so an unfiltered kNN query needs no filter at all (and skips building a bitset)
            KnnFloatVectorQuery knn = new KnnFloatVectorQuery(IndexSchema.VECTOR, query, request.numCandidates(),
                    request.filter().isEmpty() && request.id() == null ? null : filter);
            TopDocs vectorHits = searcher.search(knn, request.numCandidates());
            List<ScoredDoc> ranked = new ArrayList<>();
            if (request.hybrid()) {
                ranked = fuse(vectorHits, bm25(searcher, request.text(), filter, request.numCandidates()));
            } else {
                for (ScoreDoc hit : vectorHits.scoreDocs) {
                    ranked.add(new ScoredDoc(hit.doc, null));
                }
            }
            List<Hit> hits = new ArrayList<>();
            int skipped = 0;
            for (ScoredDoc scored : ranked) {
                StoredDoc doc = IndexStore.read(searcher, scored.doc, true);
                double cosine = doc.vector() == null ? 0 : Vectors.dot(query, doc.vector());
                if (request.minScore() != null && cosine < request.minScore()) {
                    continue;
                }
                if (skipped < request.offset()) {
                    skipped++;
                    continue;
                }
                StoredDoc shown = request.includeVectors() ? doc : new StoredDoc(doc.id(), doc.version(), doc.modality(), doc.model(),
                        doc.metadata(), doc.tags(), doc.text(), doc.source(), null, doc.thumbnail());
                hits.add(new Hit(doc.id(), cosine, scored.rrf, shown));
                if (hits.size() == request.k()) {
                    break;
                }
            }
            return hits;
        } finally {
            store.searchers().release(searcher);
        }
    }

    private record ScoredDoc(int doc, Double rrf) {}

    /** Reciprocal rank fusion: score = Σ 1 / (60 + rank) over the vector and BM25 rankings. */
    static List<ScoredDoc> fuse(TopDocs vector, TopDocs bm25) {
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (int rank = 0; rank < vector.scoreDocs.length; rank++) {
            scores.merge(vector.scoreDocs[rank].doc, 1.0 / (RRF_K + rank + 1), Double::sum);
        }
        for (int rank = 0; rank < bm25.scoreDocs.length; rank++) {
            scores.merge(bm25.scoreDocs[rank].doc, 1.0 / (RRF_K + rank + 1), Double::sum);
        }
        List<ScoredDoc> out = new ArrayList<>();
        scores.entrySet().stream().sorted(Map.Entry.<Integer, Double>comparingByValue().reversed())
                .forEach(e -> out.add(new ScoredDoc(e.getKey(), e.getValue())));
        return out;
    }

    private TopDocs bm25(IndexSearcher searcher, String text, Query filter, int n) throws IOException {
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        try (TokenStream tokens = analyzer.tokenStream(IndexSchema.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            int count = 0;
            while (tokens.incrementToken() && count++ < BooleanQuery.getMaxClauseCount() - 1) {
                terms.add(new TermQuery(new Term(IndexSchema.TEXT, term.toString())), BooleanClause.Occur.SHOULD);
            }
            tokens.end();
        }
        Query query = new BooleanQuery.Builder().add(terms.build(), BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
        return searcher.search(query, n);
    }

    private float[] queryVector(IndexSearcher searcher, SearchRequest r) throws IOException {
        if (r.vector() != null) {
            if (store.dimension() > 0 && r.vector().length != store.dimension()) {
                throw new IllegalArgumentException("vector must have " + store.dimension() + " dimensions, got " + r.vector().length);
            }
            return Vectors.normalize(r.vector().clone());
        }
        if (r.id() != null) {
            StoredDoc doc = store.get(r.id(), true);
            if (doc == null || doc.vector() == null) {
                throw new NotFoundException("no document with id '" + r.id() + "'");
            }
            return doc.vector();
        }
        if (model == null) {
            throw new IllegalArgumentException("this index service runs without a query model: send 'vector' or 'id'");
        }
        if (r.text() != null) {
            return model.requireText().encode(r.text());
        }
        if (model.image().isEmpty()) {
            throw new IllegalArgumentException("model " + model.id() + " cannot encode images: send 'text', 'vector' or 'id'");
        }
        return model.requireImage().encode(r.image());
    }

    /** Live documents matching the filter (and not the "more like this" document itself). */
    static Query filter(SearchRequest.Filter filter, String excludeId) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(IndexSchema.LIVE, "1")), BooleanClause.Occur.FILTER);
        if (excludeId != null) {
            b.add(new TermQuery(new Term(IndexSchema.ID, excludeId)), BooleanClause.Occur.MUST_NOT);
        }
        if (filter.modality() != null) {
            b.add(new TermQuery(new Term(IndexSchema.MODALITY, filter.modality())), BooleanClause.Occur.FILTER);
        }
        filter.metadata().forEach((key, values) -> {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String value : values) {
                any.add(new TermQuery(new Term(IndexSchema.META_PREFIX + key, value)), BooleanClause.Occur.SHOULD);
            }
            b.add(any.build(), BooleanClause.Occur.FILTER);
        });
        filter.ranges().forEach((key, range) -> {
            double lo = range.gte() != null ? range.gte() : range.gt() != null ? Math.nextUp(range.gt()) : Double.NEGATIVE_INFINITY;
            double hi = range.lte() != null ? range.lte() : range.lt() != null ? Math.nextDown(range.lt()) : Double.POSITIVE_INFINITY;
            b.add(DoublePoint.newRangeQuery(IndexSchema.NUM_PREFIX + key, lo, hi), BooleanClause.Occur.FILTER);
        });
        for (String tag : filter.tags()) {
            b.add(new TermQuery(new Term(IndexSchema.TAG, tag)), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    /** Live documents per modality. */
    public Map<String, Long> countsByModality() throws IOException {
        IndexSearcher searcher = store.searcher();
        try {
            Map<String, Long> counts = new HashMap<>();
            for (String modality : List.of("text", "image")) {
                counts.put(modality, (long) searcher.count(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(IndexSchema.LIVE, "1")), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(IndexSchema.MODALITY, modality)), BooleanClause.Occur.FILTER).build()));
            }
            return counts;
        } finally {
            store.searchers().release(searcher);
        }
    }
}
