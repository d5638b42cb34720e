package dev.prism.cli.commands;

import dev.prism.connectors.ingest.DocumentProducer;
import dev.prism.connectors.ingest.ImageCheck;
import dev.prism.connectors.ingest.ImageFolderInput;
import dev.prism.connectors.ingest.IngestInput;
import dev.prism.connectors.ingest.IngestSummary;
import dev.prism.connectors.ingest.LineInput;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.DocumentLimits;
import dev.prism.encoders.InvalidInputException;
import dev.prism.encoders.image.ImageDecoder;
import dev.prism.encoders.image.ImageLimits;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prism ingest}: produce document events from files; exits 1 with a summary when any input was rejected. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Produce document events to Kafka from a folder of images, a JSONL file, a text file, or a list of ids to delete.")
public final class IngestCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--images", paramLabel = "DIR", description = "Folder of images (recursive); id = relative path.")
        Path images;

        @Option(names = "--jsonl", paramLabel = "FILE", description = "Document events, one JSON object per line (\"v\" optional).")
        Path jsonl;

        @Option(names = "--text", paramLabel = "FILE", description = "One text document per line; id = FILE:LINE.")
        Path text;

        @Option(names = "--delete", paramLabel = "FILE", description = "One id per line to delete (sent as tombstones).")
        Path delete;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (not needed with --dry-run).")
    String bootstrap;

    @Option(names = "--topic", description = "Send everything to this topic (default: text -> prism.text, images -> prism.images).")
    String topic;

    @Option(names = "--id-prefix", defaultValue = "", description = "Prefix for generated ids.")
    String idPrefix;

    @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Metadata for every document (repeatable); "
            + "integers, decimals and true/false become numbers and booleans.")
    List<String> metadata;

    @Option(names = "--extensions", split = ",", description = "Image extensions (default: jpg,jpeg,png,gif,bmp,webp).")
    Set<String> extensions;

    @Option(names = "--compression", defaultValue = "lz4", description = "none, gzip, snappy, lz4, zstd. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--linger-ms", defaultValue = "20", description = "Producer batching delay. Default: ${DEFAULT-VALUE}.")
    int lingerMs;

    @Option(names = "--batch-bytes", defaultValue = "1048576", description = "Producer batch size. Default: ${DEFAULT-VALUE}.")
    int batchBytes;

    @Option(names = "--max-record-bytes", defaultValue = "28000000", description = "Largest record sent. Default: ${DEFAULT-VALUE}.")
    int maxRecordBytes;

    @Option(names = "--dry-run", description = "Print what would be sent; contact no broker.")
    boolean dryRun;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        DocumentEventCodec codec = new DocumentEventCodec(DocumentLimits.DEFAULT);
        Map<String, Object> meta = parseMetadata(metadata);
        IngestInput input;
        if (source.images != null) {
            ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
            ImageCheck check = bytes -> {
                try {
                    decoder.readHeader(bytes); // format by magic bytes + pixel limit, header only
                    return null;
                } catch (InvalidInputException e) {
                    return e.getMessage();
                }
            };
            Set<String> exts = new HashSet<>();
            (extensions != null ? extensions : ImageFolderInput.DEFAULT_EXTENSIONS).forEach(e -> exts.add(e.toLowerCase(Locale.ROOT)));
            input = new ImageFolderInput(source.images, exts, idPrefix, meta, DocumentLimits.DEFAULT.maxImageBytes(), check);
        } else if (source.jsonl != null) {
            input = new LineInput(source.jsonl, LineInput.Kind.JSONL, idPrefix, meta, codec);
        } else if (source.text != null) {
            input = new LineInput(source.text, LineInput.Kind.TEXT, idPrefix, meta, codec);
        } else {
            input = new LineInput(source.delete, LineInput.Kind.DELETES, idPrefix, Map.of(), codec);
        }
        DocumentProducer producer = new DocumentProducer(bootstrap, PrismTopics.DEFAULT, topic, compression, lingerMs, batchBytes,
                maxRecordBytes, dryRun, !noProgress);
        IngestSummary summary = producer.send(input, System.out, System.err);
        System.err.println("ingest " + input.describe() + ": " + summary + (dryRun ? " (dry run)" : ""));
        summary.problems().stream().limit(50).forEach(p -> System.err.println("  rejected " + p));
        if (summary.problems().size() > 50) {
            System.err.println("  ... and " + (summary.problems().size() - 50) + " more");
        }
        return summary.clean() ? 0 : 1;
    }

    static Map<String, Object> parseMetadata(List<String> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (pairs == null) {
            return out;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--metadata must be KEY=VALUE, got '" + pair + "'");
            }
            String value = pair.substring(eq + 1);
            Object typed;
            if (value.matches("-?\\d{1,18}")) {
                typed = Long.parseLong(value);
            } else if (value.matches("-?\\d+\\.\\d+")) {
                typed = Double.parseDouble(value);
            } else if (value.equals("true") || value.equals("false")) {
                typed = Boolean.parseBoolean(value);
            } else {
                typed = value;
            }
            out.put(pair.substring(0, eq), typed);
        }
        return out;
    }
}
