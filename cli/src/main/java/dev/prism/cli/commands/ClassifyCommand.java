package dev.prism.cli.commands;

import dev.prism.cli.Json;
import dev.prism.cli.ModelOptions;
import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.zeroshot.LabelMode;
import dev.prism.encoders.zeroshot.LabelQuery;
import dev.prism.encoders.zeroshot.LabelScore;
import dev.prism.encoders.zeroshot.ZeroShotClassifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code prism classify}: zero-shot labels for one text or image. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Zero-shot classification of one text or image; prints ranked labels with probability and cosine.")
public final class ClassifyCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    InputOptions input;

    @Option(names = "--labels", split = ",", required = true, paramLabel = "LABEL", description = "Comma-separated labels.")
    List<String> labels;

    @Option(names = "--template", paramLabel = "TEMPLATE",
            description = "Prompt template with {} (repeat for an ensemble). Default: the model's templates.")
    List<String> templates;

    @Option(names = "--mode", defaultValue = "single", description = "single or multi. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--temperature", description = "Softmax temperature (default: 1 / the model's logit scale).")
    Double temperature;

    @Option(names = "--threshold", defaultValue = "0.25", description = "Cosine threshold in multi mode. Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Option(names = "--top-k", description = "How many labels to print (default: all).")
    Integer topK;

    @Option(names = "--remote", paramLabel = "URL", description = "Ask a running index service (POST /v1/classify) instead of a local model.")
    String remote;

    @Option(names = "--api-key", defaultValue = "${env:PRISM_API_KEY}", description = "API key for --remote (default: $PRISM_API_KEY).")
    String apiKey;

    @Override
    public Integer call() throws Exception {
        if (remote != null) {
            var body = Json.MAPPER.createObjectNode();
            if (input.text != null) {
                body.put("text", input.text);
            } else {
                body.put("image", java.util.Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(input.image)));
            }
            labels.forEach(body.putArray("labels")::add);
            if (templates != null) {
                templates.forEach(body.putArray("templates")::add);
            }
            body.put("mode", mode).put("threshold", threshold);
            if (temperature != null) {
                body.put("temperature", temperature);
            }
            if (topK != null) {
                body.put("top_k", topK);
            }
            return RemoteCall.post(remote, "/v1/classify", apiKey, body);
        }
        try (EmbeddingModel model = modelOptions.load()) {
            LabelQuery query = new LabelQuery(labels, templates != null ? templates : model.manifest().templates(),
                    LabelMode.parse(mode), temperature, Map.of(), threshold, topK != null ? topK : labels.size());
            List<LabelScore> scores = new ZeroShotClassifier(model).classify(input.encode(model), query);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LabelScore score : scores) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("label", score.label());
                row.put("probability", score.probability());
                row.put("cosine", score.cosine());
                rows.add(row);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.id());
            out.put("mode", query.mode().name().toLowerCase());
            out.put("labels", rows);
            System.out.println(Json.line(out));
        }
        return 0;
    }
}
