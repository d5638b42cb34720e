package dev.prism.encoders.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model folder on disk. Every file is resolved under the root (see {@link SafePaths}) before reading. */
final class FolderModelSource implements ModelSource {
    /** ONNX files beyond 2 GB need external data, which Prism does not load. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private final Path root;
    private final ModelManifest manifest;
    private final ModelLayout layout;

    FolderModelSource(Path root, ModelManifest manifest, ModelLayout layout) {
        this.root = root;
        this.manifest = manifest;
        this.layout = layout;
        // Fail fast: every declared file must resolve safely before anything is loaded.
        manifest.files().values().forEach(file -> SafePaths.resolveUnder(root, file.path()));
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public ModelLayout layout() {
        return layout;
    }

    @Override
    public String describe() {
        return "model folder " + root + " (" + layout.name().toLowerCase().replace('_', '-') + ")";
    }

    @Override
    public byte[] read(String role) {
        ModelManifest.ModelFile file = manifest.files().get(role);
        if (file == null) {
            throw new ModelLoadException(describe() + " has no '" + role + "' file");
        }
        Path path = SafePaths.resolveUnder(root, file.path());
        try {
            long size = Files.size(path);
            if (size == 0) {
                throw new ModelLoadException("model file '" + file.path() + "' is empty (0 bytes)");
            }
            if (size > MAX_FILE_BYTES) {
                throw new ModelLoadException("model file '" + file.path() + "' is " + size + " bytes; files over 2 GB are not supported");
            }
            byte[] bytes = Files.readAllBytes(path);
            Sha256.verify(file.path(), bytes, file.sha256());
            return bytes;
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model file '" + file.path() + "': " + e.getMessage(), e);
        }
    }
}
