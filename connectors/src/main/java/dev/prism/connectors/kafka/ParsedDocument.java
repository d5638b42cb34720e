package dev.prism.connectors.kafka;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.SourceRef;

/**
 * One Kafka record after parsing: either a valid {@link DocumentEvent} or the {@link DeadLetter} that
 * replaces it. Always carries its origin and the record's timestamp (which orders updates that carry no
 * explicit version).
 */
public record ParsedDocument(SourceRef source, long timestamp, DocumentEvent event, DeadLetter deadLetter) {
    public ParsedDocument {
        if ((event == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of event and deadLetter must be set");
        }
    }

    public boolean isValid() {
        return event != null;
    }
}
