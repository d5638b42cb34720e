package dev.prism.encoders.model;

/**
 * Where a model's files come from (a folder or the class path), with the manifest that describes them.
 * {@link #read} returns verified bytes: path-checked and SHA-256-checked when the manifest pins one.
 */
public interface ModelSource {
    ModelManifest manifest();

    ModelLayout layout();

    /** Human-readable origin for logs and errors. */
    String describe();

    /** The bytes of the file with the given role ({@link ModelManifest#TEXT}, ...). */
    byte[] read(String role);

    /** The file name of a role, used to tell a tokenizer.json from a BPE merges file. */
    default String fileName(String role) {
        ModelManifest.ModelFile file = manifest().files().get(role);
        if (file == null) {
            throw new ModelLoadException(describe() + " has no '" + role + "' file");
        }
        return file.path();
    }
}
