package dev.prism.index;

import dev.prism.index.store.IndexSchema;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/** Reads liveness of an id from a plain reader (tests that open the index folder after the service stopped). */
final class IndexStoreTestAccess {
    private IndexStoreTestAccess() {}

    static boolean live(IndexSearcher searcher, String id) throws java.io.IOException {
        return searcher.count(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.ID, id)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.LIVE, "1")), BooleanClause.Occur.FILTER).build()) > 0;
    }
}
