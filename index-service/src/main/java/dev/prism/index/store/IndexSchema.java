package dev.prism.index.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.prism.connectors.wire.Metadata;
import dev.prism.connectors.wire.VectorRecord;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * The index's fields. One Lucene document per id: a live document (vector, metadata, tags, text,
 * thumbnail) or a tombstone that only remembers the version of the delete, so that a replayed older
 * upsert cannot bring a deleted document back.
 */
public final class IndexSchema {
    public static final String ID = "id";
    public static final String VERSION = "version";
    public static final String SOURCE_OFFSET = "source_offset";
    public static final String LIVE = "live";
    public static final String MODALITY = "modality";
    public static final String MODEL = "model";
    public static final String META_PREFIX = "meta.";
    public static final String NUM_PREFIX = "num.";
    public static final String TAG = "tag";
    public static final String TEXT = "text";
    public static final String THUMBNAIL = "thumbnail";
    public static final String VECTOR = "vector";
    public static final String METADATA_JSON = "metadata_json";
    public static final String TAGS_JSON = "tags_json";
    public static final String SOURCE_JSON = "source_json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexSchema() {}

    public static Document live(VectorRecord r) {
        Document doc = common(r.id(), r.version(), r.source() == null ? -1 : r.source().offset(), true);
        doc.add(new StringField(MODALITY, r.modality().wireName(), Field.Store.YES));
        doc.add(new StringField(MODEL, r.modelId(), Field.Store.YES));
        // dot product equals cosine only on unit vectors: normalise what producers send
        doc.add(new KnnFloatVectorField(VECTOR, dev.prism.encoders.embed.Vectors.normalize(r.vector().clone()),
                VectorSimilarityFunction.DOT_PRODUCT));
        for (Map.Entry<String, Object> e : r.metadata().entrySet()) {
            Object value = e.getValue();
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object v : values) {
                if (v instanceof Number n) {
                    doc.add(new DoublePoint(NUM_PREFIX + e.getKey(), n.doubleValue()));
                }
                doc.add(new StringField(META_PREFIX + e.getKey(), termOf(v), Field.Store.NO));
            }
        }
        ArrayNode tags = JSON.createArrayNode();
        for (VectorRecord.Tag tag : r.tags()) {
            String set = tag.labelSet().contains("@") ? tag.labelSet().substring(0, tag.labelSet().indexOf('@')) : tag.labelSet();
            doc.add(new StringField(TAG, tag.label(), Field.Store.NO));
            doc.add(new StringField(TAG, set + ":" + tag.label(), Field.Store.NO));
            tags.addObject().put("labelSet", tag.labelSet()).put("label", tag.label()).put("probability", tag.probability())
                    .put("cosine", tag.cosine());
        }
        if (r.text() != null) {
            doc.add(new TextField(TEXT, r.text(), Field.Store.YES));
        }
        if (r.thumbnail() != null) {
            doc.add(new StoredField(THUMBNAIL, r.thumbnail()));
        }
        try {
            doc.add(new StoredField(METADATA_JSON, JSON.writeValueAsString(Metadata.write(r.metadata()))));
            doc.add(new StoredField(TAGS_JSON, JSON.writeValueAsString(tags)));
            if (r.source() != null) {
                doc.add(new StoredField(SOURCE_JSON, JSON.writeValueAsString(JSON.createObjectNode().put("topic", r.source().topic())
                        .put("partition", r.source().partition()).put("offset", r.source().offset()))));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return doc;
    }

    public static Document tombstone(String id, long version, long sourceOffset) {
        return common(id, version, sourceOffset, false);
    }

    private static Document common(String id, long version, long sourceOffset, boolean live) {
        Document doc = new Document();
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new NumericDocValuesField(VERSION, version));
        doc.add(new StoredField(VERSION, version));
        doc.add(new NumericDocValuesField(SOURCE_OFFSET, sourceOffset));
        doc.add(new StringField(LIVE, live ? "1" : "0", Field.Store.NO));
        return doc;
    }

    /** The keyword a metadata value is indexed as (numbers in canonical form, so 3 and 3.0 match). */
    public static String termOf(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return String.valueOf(value);
    }
}
