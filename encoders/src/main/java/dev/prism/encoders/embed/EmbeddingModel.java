package dev.prism.encoders.embed;

import dev.prism.encoders.model.ModelLoadException;
import dev.prism.encoders.model.ModelManifest;
import dev.prism.encoders.onnx.Device;
import java.util.Optional;

/**
 * A loaded model: its manifest (with the dimension confirmed by a warm-up run), a text encoder and/or an
 * image encoder that write into the same vector space.
 */
public final class EmbeddingModel implements AutoCloseable {
    private final ModelManifest manifest;
    private final String origin;
    private final TextEncoder text;
    private final ImageEncoder image;
    private final Device device;

    EmbeddingModel(ModelManifest manifest, String origin, TextEncoder text, ImageEncoder image, Device device) {
        this.manifest = manifest;
        this.origin = origin;
        this.text = text;
        this.image = image;
        this.device = device;
    }

    /** name@version, written into every vector record; a different id means vectors are not comparable. */
    public String id() {
        return manifest.id();
    }

    public int dimension() {
        return manifest.dimension();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public String origin() {
        return origin;
    }

    /** The device the sessions actually run on (after any CPU fallback). */
    public Device device() {
        return device;
    }

    public Optional<TextEncoder> text() {
        return Optional.ofNullable(text);
    }

    public Optional<ImageEncoder> image() {
        return Optional.ofNullable(image);
    }

    public TextEncoder requireText() {
        if (text == null) {
            throw new ModelLoadException("model " + id() + " has no text encoder");
        }
        return text;
    }

    public ImageEncoder requireImage() {
        if (image == null) {
            throw new ModelLoadException("model " + id() + " has no image encoder (it is a " + manifest.kind().wireName()
                    + " model; use a CLIP model for images)");
        }
        return image;
    }

    @Override
    public void close() {
        if (text != null) {
            text.close();
        }
        if (image != null) {
            image.close();
        }
    }
}
