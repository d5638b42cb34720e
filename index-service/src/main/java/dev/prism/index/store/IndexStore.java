package dev.prism.index.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.connectors.wire.VectorRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index: one writer (the vector-log consumer's thread), near-real-time searchers for queries.
 * Upserts apply only when newer than what is stored, by {@code (version, source offset)}; deletes leave a
 * tombstone with their version. Each commit stores the consumed Kafka offsets in its user data, so the
 * index and its position in the log are always saved together (exactly-once materialisation).
 */
public final class IndexStore implements Closeable {
    public static final String COMMIT_OFFSETS = "prism.offsets";
    public static final String COMMIT_MODEL = "prism.model";
    public static final String COMMIT_DIM = "prism.dim";
    public static final String COMMIT_FORMAT = "prism.format";
    public static final String COMMIT_TIME = "prism.time";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the store knows of an id: newest version and source offset, and whether it is live. */
    public record Known(long version, long sourceOffset, boolean live) {}

    /** Outcome of applying one record. */
    public enum Applied { UPSERTED, DELETED, STALE, REJECTED }

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<String, Known> sinceRefresh = new HashMap<>();
    private volatile String model;
    private volatile int dim;
    private volatile Map<String, String> lastCommit;

    private final boolean ownsDirectory;

    /** An index in a folder; the store owns (and closes) the directory. */
    public IndexStore(Path path, IndexSettings settings) throws IOException {
        this(FSDirectory.open(path), settings, true);
    }

    /** An index in a caller-owned directory (left open by {@link #close}). */
    public IndexStore(Directory directory, IndexSettings settings) throws IOException {
        this(directory, settings, false);
    }

    private IndexStore(Directory directory, IndexSettings settings, boolean ownsDirectory) throws IOException {
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        config.setCodec(codec(settings));
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCommitOnClose(false); // only explicit commits, which carry the consumed offsets
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, null);
        Map<String, String> data = new HashMap<>();
        writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
        this.lastCommit = Map.copyOf(data);
        this.model = data.get(COMMIT_MODEL);
        this.dim = data.containsKey(COMMIT_DIM) ? Integer.parseInt(data.get(COMMIT_DIM)) : 0;
    }

    static Codec codec(IndexSettings settings) {
        KnnVectorsFormat format = settings.int8()
                ? new Lucene99HnswScalarQuantizedVectorsFormat(settings.hnswM(), settings.beamWidth())
                : new Lucene99HnswVectorsFormat(settings.hnswM(), settings.beamWidth());
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    /** Model id of the vectors in this index, or null while it is empty. */
    public String model() {
        return model;
    }

    public int dimension() {
        return dim;
    }

    /** Fixes the model up front (from the service's query model); records of another model are rejected. */
    public synchronized void expectModel(String modelId, int dimension) {
        if (model != null && !model.equals(modelId)) {
            throw new IllegalStateException("index holds vectors of model " + model + " (" + dim + "-d) but the service is "
                    + "configured with " + modelId + " (" + dimension + "-d); use a new data folder or the same model");
        }
        model = modelId;
        dim = dimension;
    }

    /** The Kafka offsets (next to read, per partition) saved by the last commit. */
    public Map<Integer, Long> committedOffsets() {
        return parseOffsets(lastCommit.get(COMMIT_OFFSETS));
    }

    public Map<String, String> lastCommitData() {
        return lastCommit;
    }

    /** Makes all applied records visible to {@link #searcher()} (and to the version checks). */
    public synchronized void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
        sinceRefresh.clear();
    }

    public synchronized Applied upsert(VectorRecord r) throws IOException {
        if (model != null && !model.equals(r.modelId())) {
            return Applied.REJECTED;
        }
        if (dim > 0 && r.dim() != dim) {
            return Applied.REJECTED;
        }
        long offset = r.source() == null ? -1 : r.source().offset();
        Known known = known(r.id());
        if (known != null && !newer(r.version(), offset, known)) {
            return Applied.STALE;
        }
        if (model == null) {
            model = r.modelId();
            dim = r.dim();
        }
        writer.updateDocument(new Term(IndexSchema.ID, r.id()), IndexSchema.live(r));
        sinceRefresh.put(r.id(), new Known(r.version(), offset, true));
        return Applied.UPSERTED;
    }

    /**
     * Deletes {@code id}. With the delete's version (from the tombstone's headers) the delete is ordered like
     * an upsert; without it, it applies to whatever is stored and keeps that version.
     */
    public synchronized Applied delete(String id, Long version, Long sourceOffset) throws IOException {
        Known known = known(id);
        long v;
        long o;
        if (version != null) {
            if (known != null && !newer(version, sourceOffset == null ? -1 : sourceOffset, known)) {
                return Applied.STALE;
            }
            v = version;
            o = sourceOffset == null ? -1 : sourceOffset;
        } else {
            v = known == null ? -1 : known.version();
            o = known == null ? -1 : known.sourceOffset();
        }
        writer.updateDocument(new Term(IndexSchema.ID, id), IndexSchema.tombstone(id, v, o));
        sinceRefresh.put(id, new Known(v, o, false));
        return Applied.DELETED;
    }

    static boolean newer(long version, long offset, Known known) {
        return version > known.version() || (version == known.version() && offset > known.sourceOffset());
    }

    /** Commits everything applied so far together with the consumed offsets. */
    public synchronized void commit(Map<Integer, Long> offsets) throws IOException {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(COMMIT_FORMAT, "1");
        data.put(COMMIT_OFFSETS, formatOffsets(offsets));
        if (model != null) {
            data.put(COMMIT_MODEL, model);
            data.put(COMMIT_DIM, Integer.toString(dim));
        }
        data.put(COMMIT_TIME, Long.toString(System.currentTimeMillis()));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        lastCommit = Map.copyOf(data);
    }

    /** Current knowledge of an id: this batch's writes first, then the last refreshed reader. */
    public synchronized Known known(String id) throws IOException {
        Known pending = sinceRefresh.get(id);
        if (pending != null) {
            return pending;
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            return lookup(searcher, id);
        } finally {
            searchers.release(searcher);
        }
    }

    /** What a searcher's point in time knows of an id, or null. */
    public static Known lookup(IndexSearcher searcher, String id) throws IOException {
        TopDocs hits = searcher.search(new TermQuery(new Term(IndexSchema.ID, id)), 1);
        if (hits.scoreDocs.length == 0) {
            return null;
        }
        int doc = hits.scoreDocs[0].doc;
        LeafReaderContext leaf = searcher.getIndexReader().leaves().get(
                org.apache.lucene.index.ReaderUtil.subIndex(doc, searcher.getIndexReader().leaves()));
        int local = doc - leaf.docBase;
        long version = value(leaf.reader().getNumericDocValues(IndexSchema.VERSION), local);
        long offset = value(leaf.reader().getNumericDocValues(IndexSchema.SOURCE_OFFSET), local);
        boolean live = searcher.count(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.ID, id)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.LIVE, "1")), BooleanClause.Occur.FILTER).build()) > 0;
        return new Known(version, offset, live);
    }

    private static long value(NumericDocValues values, int doc) throws IOException {
        return values != null && values.advanceExact(doc) ? values.longValue() : -1;
    }

    public SearcherManager searchers() {
        return searchers;
    }

    /** A searcher to use and release with {@code searchers().release(...)}. */
    public IndexSearcher searcher() throws IOException {
        return searchers.acquire();
    }

    /** A live document by id, or null. */
    public StoredDoc get(String id, boolean withVector) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs hits = searcher.search(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexSchema.ID, id)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.LIVE, "1")), BooleanClause.Occur.FILTER).build(), 1);
            if (hits.scoreDocs.length == 0) {
                return null;
            }
            return read(searcher, hits.scoreDocs[0].doc, withVector);
        } finally {
            searchers.release(searcher);
        }
    }

    public static StoredDoc read(IndexSearcher searcher, int doc, boolean withVector) throws IOException {
        StoredFields fields = searcher.storedFields();
        Document d = fields.document(doc);
        return new StoredDoc(d.get(IndexSchema.ID), d.getField(IndexSchema.VERSION).numericValue().longValue(),
                d.get(IndexSchema.MODALITY), d.get(IndexSchema.MODEL), json(d.get(IndexSchema.METADATA_JSON)),
                json(d.get(IndexSchema.TAGS_JSON)), d.get(IndexSchema.TEXT), json(d.get(IndexSchema.SOURCE_JSON)),
                withVector ? vector(searcher, doc) : null,
                d.getBinaryValue(IndexSchema.THUMBNAIL) == null ? null : d.getBinaryValue(IndexSchema.THUMBNAIL).bytes);
    }

    /** The stored vector of a document (read from the vector values, as indexed). */
    public static float[] vector(IndexSearcher searcher, int doc) throws IOException {
        var leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexSchema.VECTOR);
        if (values == null || values.advance(doc - leaf.docBase) != doc - leaf.docBase) {
            return null;
        }
        return values.vectorValue().clone();
    }

    private static JsonNode json(String text) throws IOException {
        return text == null ? null : JSON.readTree(text);
    }

    static String formatOffsets(Map<Integer, Long> offsets) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(offsets).forEach((p, o) -> s.append(s.isEmpty() ? "" : ",").append(p).append(':').append(o));
        return s.toString();
    }

    static Map<Integer, Long> parseOffsets(String text) {
        Map<Integer, Long> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String[] po = part.split(":");
            out.put(Integer.parseInt(po[0]), Long.parseLong(po[1]));
        }
        return out;
    }

    /** Reads the user data of the latest commit of an index folder without opening a writer. */
    public static Map<String, String> readCommitData(Directory directory) {
        try {
            return SegmentInfos.readLatestCommit(directory).getUserData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public IndexWriter writer() {
        return writer;
    }

    @Override
    public synchronized void close() throws IOException {
        searchers.close();
        writer.rollback(); // uncommitted changes are dropped on purpose: they are re-read from the log
        if (ownsDirectory) {
            directory.close();
        }
    }
}
