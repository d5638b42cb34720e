package dev.prism.connectors.ingest;

import dev.prism.connectors.wire.DocumentEvent;

/**
 * One input of {@code prism ingest}, prepared: the event to send (a delete is sent as a tombstone), or
 * the reason it was rejected on the client. {@code origin} names where it came from (file, line).
 */
public record IngestItem(String origin, DocumentEvent event, String rejection) {
    public static IngestItem ok(String origin, DocumentEvent event) {
        return new IngestItem(origin, event, null);
    }

    public static IngestItem rejected(String origin, String reason) {
        return new IngestItem(origin, null, reason);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
