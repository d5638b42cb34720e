package dev.prism.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.cli.Json;
import dev.prism.cli.ModelOptions;
import dev.prism.encoders.embed.EmbeddingModel;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code prism embed --jsonl IN --out OUT.f32}: encodes the "text" of every JSONL line with the model and
 * writes the vectors as rows of little-endian float32 (N × dim), e.g. caption embeddings for training.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Encode the \"text\" of each JSONL line; write N x dim little-endian float32 to --out.")
public final class EmbedCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--jsonl", required = true, description = "Input: one JSON object with a \"text\" field per line.")
    Path jsonl;

    @Option(names = "--out", required = true, description = "Output file (float32 rows).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> texts = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = Json.MAPPER.readTree(line);
            if (!row.path("text").isTextual()) {
                throw new IllegalArgumentException(jsonl + " line " + lineNumber + " has no string field \"text\"");
            }
            texts.add(row.get("text").asText());
        }
        try (EmbeddingModel model = modelOptions.load();
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(out));
             DataOutputStream data = new DataOutputStream(file)) {
            List<float[]> vectors = model.requireText().encodeAll(texts);
            ByteBuffer row = ByteBuffer.allocate(4 * model.dimension()).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] v : vectors) {
                row.clear();
                for (float f : v) {
                    row.putFloat(f);
                }
                data.write(row.array());
            }
            System.out.println("{\"model\":\"" + model.id() + "\",\"count\":" + vectors.size() + ",\"dim\":" + model.dimension() + "}");
        }
        return 0;
    }
}
