package dev.prism.encoders.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves file names from an untrusted manifest under a model root. A name may not be absolute, may not
 * contain {@code ..}, and its real path (symlinks followed) must stay under the root's real path.
 */
public final class SafePaths {
    private SafePaths() {}

    public static Path resolveUnder(Path root, String relative) {
        if (relative == null || relative.isBlank()) {
            throw new ModelLoadException("model file path must not be empty");
        }
        Path candidate = Path.of(relative);
        if (candidate.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new ModelLoadException("model file path must be relative to the model folder, got absolute path '" + relative + "'");
        }
        for (Path part : candidate) {
            if (part.toString().equals("..")) {
                throw new ModelLoadException("model file path must not contain '..', got '" + relative + "'");
            }
        }
        try {
            Path realRoot = root.toRealPath();
            Path resolved = realRoot.resolve(candidate).normalize();
            if (!Files.exists(resolved)) {
                throw new ModelLoadException("model file '" + relative + "' does not exist in " + realRoot);
            }
            Path real = resolved.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new ModelLoadException("model file '" + relative + "' resolves to " + real
                        + ", outside the model folder " + realRoot + " (symlink escapes the root)");
            }
            if (!Files.isRegularFile(real)) {
                throw new ModelLoadException("model file '" + relative + "' is not a regular file");
            }
            if (!Files.isReadable(real)) {
                throw new ModelLoadException("model file '" + relative + "' is not readable");
            }
            return real;
        } catch (IOException e) {
            throw new ModelLoadException("cannot resolve model file '" + relative + "' under " + root + ": " + e.getMessage(), e);
        }
    }
}
