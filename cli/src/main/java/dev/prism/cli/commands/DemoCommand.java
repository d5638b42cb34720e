package dev.prism.cli.commands;

import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.EncoderOptions;
import dev.prism.encoders.embed.Vectors;
import dev.prism.encoders.zeroshot.LabelQuery;
import dev.prism.encoders.zeroshot.LabelScore;
import dev.prism.encoders.zeroshot.ZeroShotClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code prism demo}. The all-in-one pipeline (embedded Kafka → Flink IngestJob → index service) arrives
 * with issues #3 (connectors), #4 (IngestJob) and #5 (index service). Until then the demo runs what exists:
 * the built-in MiniLM encoder, a small semantic search and zero-shot tagging, all in this process.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Prism on embedded defaults (today: encoders, search and zero-shot tagging in-process).")
public final class DemoCommand implements Callable<Integer> {
    private static final List<String> DOCUMENTS = List.of(
            "A steaming cup of green tea on a wooden table.",
            "The striker scored twice in the league final.",
            "Stocks fell sharply after the quarterly earnings report.",
            "Heavy rain and strong wind are expected tomorrow.",
            "Freshly brewed coffee with oat milk.",
            "The marathon runner crossed the finish line in record time.");
    private static final List<String> LABELS = List.of("drinks", "sports", "finance", "weather");

    @Override
    public Integer call() {
        System.out.println("Prism demo — the streaming pipeline (Kafka -> Flink -> index) lands with issues #3, #4 and #5;");
        System.out.println("this demo runs the encoders that exist today, in-process, on the built-in MiniLM model.\n");
        try (EmbeddingModel model = EmbeddingModels.load("minilm", EncoderOptions.defaults())) {
            List<float[]> vectors = model.requireText().encodeAll(DOCUMENTS);
            ZeroShotClassifier classifier = new ZeroShotClassifier(model);
            LabelQuery query = LabelQuery.single(LABELS, List.of("This text is about {}."));
            System.out.println("Zero-shot tags (" + model.id() + "):");
            for (int i = 0; i < DOCUMENTS.size(); i++) {
                LabelScore top = classifier.classify(vectors.get(i), query).get(0);
                System.out.printf("  %-62s -> %-8s p=%.2f cos=%.3f%n", DOCUMENTS.get(i), top.label(), top.probability(), top.cosine());
            }
            for (String q : List.of("hot drink", "football")) {
                float[] query_ = model.requireText().encode(q);
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < DOCUMENTS.size(); i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparingDouble(i -> -Vectors.dot(query_, vectors.get(i))));
                System.out.println("\nSearch \"" + q + "\":");
                for (int rank = 0; rank < 2; rank++) {
                    int i = order.get(rank);
                    System.out.printf("  %d. %.3f  %s%n", rank + 1, Vectors.dot(query_, vectors.get(i)), DOCUMENTS.get(i));
                }
            }
        }
        return 0;
    }
}
