package dev.prism.encoders.embed;

import dev.prism.encoders.batch.BatcherConfig;
import dev.prism.encoders.image.ImageLimits;
import dev.prism.encoders.onnx.Device;
import java.nio.file.Path;

/**
 * How to run a model: device (and whether falling back to CPU is allowed), ONNX Runtime threads,
 * batching limits, image limits, and an optional trusted tokenizer file that overrides the folder's.
 */
public record EncoderOptions(
        Device device,
        boolean requireDevice,
        int intraOpThreads,
        BatcherConfig batching,
        ImageLimits imageLimits,
        Path tokenizerOverride) {

    public static EncoderOptions defaults() {
        return new EncoderOptions(Device.CPU, false, 0, BatcherConfig.DEFAULT, ImageLimits.DEFAULT, null);
    }

    public EncoderOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = ONNX Runtime default), got " + intraOpThreads);
        }
    }

    public EncoderOptions withDevice(Device newDevice, boolean require) {
        return new EncoderOptions(newDevice, require, intraOpThreads, batching, imageLimits, tokenizerOverride);
    }

    public EncoderOptions withBatching(BatcherConfig newBatching) {
        return new EncoderOptions(device, requireDevice, intraOpThreads, newBatching, imageLimits, tokenizerOverride);
    }

    public EncoderOptions withImageLimits(ImageLimits newLimits) {
        return new EncoderOptions(device, requireDevice, intraOpThreads, batching, newLimits, tokenizerOverride);
    }

    public EncoderOptions withTokenizer(Path tokenizer) {
        return new EncoderOptions(device, requireDevice, intraOpThreads, batching, imageLimits, tokenizer);
    }

    public EncoderOptions withIntraOpThreads(int threads) {
        return new EncoderOptions(device, requireDevice, threads, batching, imageLimits, tokenizerOverride);
    }
}
