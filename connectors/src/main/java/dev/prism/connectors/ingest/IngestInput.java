package dev.prism.connectors.ingest;

import java.io.IOException;
import java.util.Iterator;

/** A source of documents for {@code prism ingest}: knows its size up front (for the progress bar). */
public interface IngestInput {
    /** Number of items {@link #items()} will yield. */
    long count() throws IOException;

    /** Items in a stable order; reading is lazy so large inputs are not held in memory. */
    Iterator<IngestItem> items() throws IOException;

    String describe();
}
