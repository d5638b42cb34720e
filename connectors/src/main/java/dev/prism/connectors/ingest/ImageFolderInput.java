package dev.prism.connectors.ingest;

import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Every image file under a folder (recursive, by extension); id = idPrefix + path relative to the folder. */
public final class ImageFolderInput implements IngestInput {
    public static final Set<String> DEFAULT_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");

    private final Path root;
    private final Set<String> extensions;
    private final String idPrefix;
    private final Map<String, Object> metadata;
    private final long maxBytes;
    private final ImageCheck check;

    public ImageFolderInput(Path root, Set<String> extensions, String idPrefix, Map<String, Object> metadata, long maxBytes,
                            ImageCheck check) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--images must be a folder, got '" + root + "'");
        }
        this.root = root;
        this.extensions = extensions;
        this.idPrefix = idPrefix == null ? "" : idPrefix;
        this.metadata = Map.copyOf(metadata);
        this.maxBytes = maxBytes;
        this.check = check;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(this::hasExtension).sorted().toList();
        }
    }

    private boolean hasExtension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public long count() throws IOException {
        return files().size();
    }

    @Override
    public Iterator<IngestItem> items() throws IOException {
        return files().stream().map(this::item).iterator();
    }

    private IngestItem item(Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        try {
            long size = Files.size(file);
            if (size == 0) {
                return IngestItem.rejected(relative, "file is empty");
            }
            if (size > maxBytes) {
                return IngestItem.rejected(relative, "file is " + size + " bytes, over the limit of " + maxBytes);
            }
            byte[] bytes = Files.readAllBytes(file);
            String problem = check.problem(bytes);
            if (problem != null) {
                return IngestItem.rejected(relative, problem);
            }
            return IngestItem.ok(relative, DocumentEvent.image(idPrefix + relative, ImageRef.ofBytes(bytes), metadata));
        } catch (IOException e) {
            return IngestItem.rejected(relative, "cannot read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return IngestItem.rejected(relative, "cannot read: " + e.getCause().getMessage());
        }
    }

    @Override
    public String describe() {
        return "images under " + root;
    }
}
