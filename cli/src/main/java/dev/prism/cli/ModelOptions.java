package dev.prism.cli;

import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.EncoderOptions;
import dev.prism.encoders.onnx.Device;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that loads a model. */
public final class ModelOptions {
    @Option(names = "--model", defaultValue = "minilm", paramLabel = "NAME|DIR",
            description = "Built-in model (minilm, minilm-q) or model folder. Default: ${DEFAULT-VALUE}.")
    public String model;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda:N",
            description = "Where to run the model. Default: ${DEFAULT-VALUE}.")
    public String device;

    @Option(names = "--require-device", description = "Fail instead of falling back to CPU when the device cannot start.")
    public boolean requireDevice;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "A tokenizer.json or OpenAI BPE merges file to use instead of the model folder's.")
    public Path tokenizer;

    public EmbeddingModel load() {
        EncoderOptions options = EncoderOptions.defaults().withDevice(Device.parse(device), requireDevice).withTokenizer(tokenizer);
        return EmbeddingModels.load(model, options);
    }
}
