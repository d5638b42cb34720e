package dev.prism.connectors.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.WireException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Line-oriented inputs: a JSONL file of document events ({@code "v": 1} may be omitted), a text file with
 * one document per line (id = idPrefix + file name + ":" + line number), or a list of ids to delete.
 * Blank lines are skipped. Every line is checked with the same rules the stream applies.
 */
public final class LineInput implements IngestInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind { JSONL, TEXT, DELETES }

    private final Path file;
    private final Kind kind;
    private final String idPrefix;
    private final Map<String, Object> metadata;
    private final DocumentEventCodec codec;

    public LineInput(Path file, Kind kind, String idPrefix, Map<String, Object> metadata, DocumentEventCodec codec) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(kind.name().toLowerCase() + " input must be a file, got '" + file + "'");
        }
        this.file = file;
        this.kind = kind;
        this.idPrefix = idPrefix == null ? "" : idPrefix;
        this.metadata = Map.copyOf(metadata);
        this.codec = codec;
    }

    @Override
    public long count() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().filter(line -> !line.isBlank()).count();
        }
    }

    @Override
    public Iterator<IngestItem> items() throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return new Iterator<>() {
            private int lineNumber;
            private String next = advance();

            private String advance() {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lineNumber++;
                        if (!line.isBlank()) {
                            return line;
                        }
                    }
                    reader.close();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public IngestItem next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String line = next;
                int number = lineNumber;
                next = advance();
                return item(line, number);
            }
        };
    }

    private IngestItem item(String line, int number) {
        String origin = file.getFileName() + ":" + number;
        try {
            return switch (kind) {
                case TEXT -> {
                    String id = codec.checkId(idPrefix + file.getFileName() + ":" + number);
                    if (line.length() > codec.limits().maxTextChars()) {
                        throw new WireException("text has " + line.length() + " characters, over the limit of "
                                + codec.limits().maxTextChars());
                    }
                    yield IngestItem.ok(origin, DocumentEvent.text(id, line, metadata));
                }
                case DELETES -> IngestItem.ok(origin, DocumentEvent.delete(codec.checkId(idPrefix + line.strip())));
                case JSONL -> IngestItem.ok(origin, withMetadata(codec.read(withVersion(line))));
            };
        } catch (WireException e) {
            return IngestItem.rejected(origin, e.getMessage());
        }
    }

    /** JSONL lines may omit "v"; it is added so the same strict reader applies (and reports any other fault). */
    private static byte[] withVersion(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node instanceof ObjectNode object && !object.has("v")) {
                ObjectNode versioned = JSON.createObjectNode().put("v", 1);
                versioned.setAll(object);
                return JSON.writeValueAsBytes(versioned);
            }
        } catch (IOException e) {
            // not JSON: the codec reports it with its own message
        }
        return bytes;
    }

    private DocumentEvent withMetadata(DocumentEvent event) {
        if (metadata.isEmpty() || event.isDelete()) {
            return event;
        }
        Map<String, Object> merged = new HashMap<>(metadata);
        merged.putAll(event.metadata()); // a line's own metadata wins over --metadata
        return new DocumentEvent(event.id(), event.op(), event.text(), event.image(), merged, event.ts(), event.version());
    }

    @Override
    public String describe() {
        return kind.name().toLowerCase() + " file " + file;
    }
}
