package dev.prism.index.query;

import dev.prism.index.store.StoredDoc;

/** One result: cosine similarity to the query (and the fused RRF score in hybrid mode) with the document. */
public record Hit(String id, double cosine, Double rrf, StoredDoc doc) {}
