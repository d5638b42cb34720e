package dev.prism.cli.commands;

import dev.prism.cli.Json;
import dev.prism.cli.ModelOptions;
import dev.prism.encoders.embed.EmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code prism encode --text T | --image F}: prints {"model", "dim", "vector"}. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode one text or image; prints {\"model\", \"dim\", \"vector\"} as one JSON line.")
public final class EncodeCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    InputOptions input;

    @Override
    public Integer call() throws Exception {
        try (EmbeddingModel model = modelOptions.load()) {
            float[] vector = input.encode(model);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.id());
            out.put("modality", input.modality());
            out.put("dim", vector.length);
            out.put("vector", vector);
            System.out.println(Json.line(out));
        }
        return 0;
    }
}
