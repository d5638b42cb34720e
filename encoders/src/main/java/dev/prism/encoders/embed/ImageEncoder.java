package dev.prism.encoders.embed;

import ai.onnxruntime.OrtException;
import dev.prism.encoders.batch.BatchStats;
import dev.prism.encoders.batch.BatcherConfig;
import dev.prism.encoders.batch.DynamicBatcher;
import dev.prism.encoders.image.ClipImagePreprocessor;
import dev.prism.encoders.image.ImageDecoder;
import dev.prism.encoders.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Image bytes → vector: decode (limits, EXIF, PIL-compatible) and CLIP preprocessing on the caller's
 * thread, then the vision tower, directly or through the dynamic batcher. A bad image fails only its
 * own call or future, with an {@link dev.prism.encoders.InvalidInputException}. Thread-safe.
 */
public final class ImageEncoder implements AutoCloseable {
    private final ImageDecoder decoder;
    private final ClipImagePreprocessor preprocessor;
    private final OnnxImageModel model;
    private final DynamicBatcher<float[], float[]> batcher;
    private final int maxBatch;

    ImageEncoder(String name, ImageDecoder decoder, ClipImagePreprocessor preprocessor, OnnxImageModel model, BatcherConfig batching) {
        this.decoder = decoder;
        this.preprocessor = preprocessor;
        this.model = model;
        this.maxBatch = batching.maxBatchSize();
        this.batcher = new DynamicBatcher<>(name + "-image", batching, items -> Arrays.asList(model.embed(items)));
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    public ClipImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /** Decoded, resized, cropped, normalised CHW pixels. */
    public float[] preprocess(byte[] encodedImage) {
        return preprocessor.toTensor(decoder.decode(encodedImage));
    }

    /** One decode, two uses: the model's pixel tensor and the decoded picture (e.g. for a thumbnail). */
    public record PreparedImage(float[] pixels, RgbImage image) {}

    public PreparedImage prepare(byte[] encodedImage) {
        RgbImage image = decoder.decode(encodedImage);
        return new PreparedImage(preprocessor.toTensor(image), image);
    }

    public float[] encode(byte[] encodedImage) {
        return embedPixels(List.of(preprocess(encodedImage)))[0];
    }

    public List<float[]> encodeAll(List<byte[]> images) {
        List<float[]> out = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += maxBatch) {
            List<float[]> pixels = new ArrayList<>();
            for (byte[] image : images.subList(start, Math.min(images.size(), start + maxBatch))) {
                pixels.add(preprocess(image));
            }
            out.addAll(Arrays.asList(embedPixels(pixels)));
        }
        return out;
    }

    public CompletableFuture<float[]> encodeAsync(byte[] encodedImage) {
        float[] pixels;
        try {
            pixels = preprocess(encodedImage);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submitPixels(pixels);
    }

    public CompletableFuture<float[]> submitPixels(float[] pixels) {
        try {
            return batcher.submit(pixels);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    public float[][] embedPixels(List<float[]> pixels) {
        try {
            return model.embed(pixels);
        } catch (OrtException e) {
            throw new EncoderRuntimeException("vision model failed on a batch of " + pixels.size() + ": " + e.getMessage(), e);
        }
    }

    /** The vision tower's output before normalisation; for parity checks. */
    public float[][] rawEmbeddings(List<float[]> pixels) {
        try {
            return model.raw(pixels);
        } catch (OrtException e) {
            throw new EncoderRuntimeException("vision model failed on a batch of " + pixels.size() + ": " + e.getMessage(), e);
        }
    }

    public BatchStats batchStats() {
        return batcher.stats();
    }

    public DynamicBatcher<float[], float[]> batcher() {
        return batcher;
    }

    @Override
    public void close() {
        batcher.close();
        model.session().close();
    }
}
