package dev.prism.encoders.embed;

import dev.prism.encoders.batch.BatcherConfig;
import dev.prism.encoders.image.ClipImagePreprocessor;
import dev.prism.encoders.image.ImageDecoder;
import dev.prism.encoders.model.ModelFolders;
import dev.prism.encoders.model.ModelKind;
import dev.prism.encoders.model.ModelLoadException;
import dev.prism.encoders.model.ModelManifest;
import dev.prism.encoders.model.ModelSource;
import dev.prism.encoders.onnx.Device;
import dev.prism.encoders.onnx.OnnxSession;
import dev.prism.encoders.text.ClipTokenizerJson;
import dev.prism.encoders.text.TextTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads models, failing fast: paths and SHA-256 pins are checked before any byte reaches ONNX Runtime,
 * inputs/outputs and dimensions are checked against the manifest, and a warm-up run confirms the
 * dimension the model really produces. {@link #shared} keeps one instance (sessions + batchers) per
 * model and device for the whole JVM.
 */
public final class EmbeddingModels {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingModels.class);
    private static final Map<String, EmbeddingModel> SHARED = new ConcurrentHashMap<>();

    private EmbeddingModels() {}

    /** The JVM-wide instance for this model spec and device; loaded on first use, never closed. */
    public static EmbeddingModel shared(String spec, EncoderOptions options) {
        String key = spec + "|" + options.device() + "|" + options.tokenizerOverride();
        return SHARED.computeIfAbsent(key, k -> load(ModelFolders.open(spec), options));
    }

    public static EmbeddingModel load(String spec, EncoderOptions options) {
        return load(ModelFolders.open(spec), options);
    }

    public static EmbeddingModel load(ModelSource source, EncoderOptions options) {
        ModelManifest manifest = source.manifest();
        String name = manifest.name();
        TextEncoder text = null;
        ImageEncoder image = null;
        Device device = Device.CPU;
        try {
            int dimension = manifest.dimension();
            if (manifest.hasText()) {
                TextTokenizer tokenizer = loadTokenizer(source, options);
                OnnxSession session = OnnxSession.open(source.describe() + " text model '" + source.fileName(ModelManifest.TEXT) + "'",
                        source.read(ModelManifest.TEXT), options.device(), options.requireDevice(), options.intraOpThreads());
                device = session.device();
                text = new TextEncoder(name, tokenizer, new OnnxTextModel(session, manifest), options.batching());
                dimension = checkWarmUp(source, "text", text.encode("warm up").length, dimension);
            }
            if (manifest.hasVision()) {
                ModelManifest.ImageSpec spec = manifest.image();
                OnnxSession session = OnnxSession.open(source.describe() + " vision model '" + source.fileName(ModelManifest.VISION) + "'",
                        source.read(ModelManifest.VISION), options.device(), options.requireDevice(), options.intraOpThreads());
                device = session.device();
                ClipImagePreprocessor preprocessor = new ClipImagePreprocessor(spec.size(), spec.mean(), spec.std());
                image = new ImageEncoder(name, new ImageDecoder(options.imageLimits()), preprocessor,
                        new OnnxImageModel(session, manifest), imageBatching(options.batching()));
                dimension = checkWarmUp(source, "vision", image.embedPixels(List.of(new float[3 * spec.size() * spec.size()]))[0].length, dimension);
            }
            ModelManifest resolved = manifest.dimension() == dimension ? manifest : manifest.withDimension(dimension);
            LOG.info("loaded {} from {} on {} ({}-d, text={}, image={})", resolved.id(), source.describe(), device,
                    dimension, text != null, image != null);
            return new EmbeddingModel(resolved, source.describe(), text, image, device);
        } catch (RuntimeException e) {
            if (text != null) {
                text.close();
            }
            if (image != null) {
                image.close();
            }
            throw e;
        }
    }

    /**
     * Images are large once decoded (3 × 224 × 224 floats = 602 KB each): whatever the text batching, an image
     * batch holds at most 32 and at most 256 wait, so a large text batch size never means gigabytes of pixels.
     */
    static BatcherConfig imageBatching(BatcherConfig text) {
        int size = Math.min(text.maxBatchSize(), 32);
        return new BatcherConfig(size, text.maxDelay(), Math.max(size, Math.min(text.maxInFlight(), 256)));
    }

    private static int checkWarmUp(ModelSource source, String tower, int produced, int expected) {
        if (expected > 0 && produced != expected) {
            throw new ModelLoadException(source.describe() + ": the " + tower + " model produces " + produced
                    + "-d vectors but " + (source.manifest().dimension() > 0 ? "the manifest says " : "the other tower produces ")
                    + expected);
        }
        return produced;
    }

    private static TextTokenizer loadTokenizer(ModelSource source, EncoderOptions options) {
        ModelManifest manifest = source.manifest();
        boolean clip = manifest.kind() == ModelKind.CLIP;
        try {
            String fileName;
            byte[] bytes;
            if (options.tokenizerOverride() != null) {
                fileName = options.tokenizerOverride().getFileName().toString();
                bytes = Files.readAllBytes(options.tokenizerOverride());
            } else {
                fileName = source.fileName(ModelManifest.TOKENIZER);
                bytes = source.read(ModelManifest.TOKENIZER);
            }
            if (fileName.endsWith(".txt.gz") || fileName.endsWith(".txt")) {
                bytes = ClipTokenizerJson.fromMerges(new ByteArrayInputStream(bytes));
            }
            return TextTokenizer.fromJson(bytes, manifest.maxTokens(), clip);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelLoadException loadException) {
                throw loadException;
            }
            throw new ModelLoadException(source.describe() + ": tokenizer cannot be loaded: " + e.getMessage(), e);
        }
    }
}
