package dev.prism.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.cli.Json;
import dev.prism.cli.ModelOptions;
import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.Vectors;
import dev.prism.encoders.image.ImageDecoder;
import dev.prism.encoders.image.ImageLimits;
import dev.prism.encoders.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code prism eval zero-shot --model M --data D}: zero-shot accuracy of a model's image tower on the emoji data
 * set (encoders/scripts/emoji), on data it never saw: the held-out style (openmoji) over all concept names,
 * and held-out concepts (never seen in any style) over their names and over subcategories; with chance level
 * and a colour-histogram nearest-neighbour baseline beside each number.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluations.", subcommands = {EvalCommand.ZeroShot.class})
public final class EvalCommand {

    @Command(name = "zero-shot", mixinStandardHelpOptions = true,
            description = "Zero-shot top-1/top-5 on held-out emoji styles and concepts, with chance and a colour-histogram baseline.")
    public static final class ZeroShot implements Callable<Integer> {
        @Mixin
        ModelOptions modelOptions;

        @Option(names = "--data", required = true, description = "Data set folder from encoders/scripts/emoji/fetch_and_build.sh.")
        Path data;

        @Option(names = "--template", defaultValue = "a picture of {}", description = "Default: ${DEFAULT-VALUE}.")
        String template;

        private record Item(int concept, RgbImage image, float[] vector, float[] histogram) {}

        @Override
        public Integer call() throws Exception {
            JsonNode concepts = Json.MAPPER.readTree(data.resolve("concepts.json").toFile());
            try (EmbeddingModel model = modelOptions.load()) {
                ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
                List<String> names = new ArrayList<>();
                List<String> subcategories = new ArrayList<>();
                for (JsonNode c : concepts) {
                    names.add(template.replace("{}", c.get("name").asText()));
                    if (!subcategories.contains(c.get("subcategory").asText())) {
                        subcategories.add(c.get("subcategory").asText());
                    }
                }
                List<float[]> nameVectors = model.requireText().encodeAll(names);
                List<float[]> subVectors = model.requireText().encodeAll(subcategories.stream().map(s -> template.replace("{}", s)).toList());
                List<Item> train = new ArrayList<>();
                List<Item> heldoutStyle = new ArrayList<>();
                List<Item> heldoutConcepts = new ArrayList<>();
                for (int i = 0; i < concepts.size(); i++) {
                    JsonNode c = concepts.get(i);
                    boolean heldout = c.get("split").asText().equals("heldout");
                    for (JsonNode style : c.get("styles")) {
                        Path file = data.resolve("images").resolve(style.asText()).resolve(c.get("unified").asText() + ".png");
                        byte[] bytes = Files.readAllBytes(file);
                        RgbImage image = decoder.decode(bytes);
                        Item item = new Item(i, image, model.requireImage().encode(bytes), histogram(image));
                        if (style.asText().equals("openmoji")) {
                            heldoutStyle.add(item);
                        } else if (heldout) {
                            heldoutConcepts.add(item);
                        } else {
                            train.add(item);
                        }
                    }
                }
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < concepts.size(); i++) {
                    all.add(i);
                }
                List<Integer> unseen = heldoutConcepts.stream().map(Item::concept).distinct().toList();
                System.out.printf("zero-shot on data the model never saw (%s; template \"%s\"; data %s)%n%n", model.id(), template, data);
                System.out.printf("%-52s %6s %6s   %-9s %-9s   %-9s %-9s%n", "task", "images", "N-way", "top-1", "top-5", "chance@1/5", "baseline@1/5");
                row("held-out style (openmoji), all concept names", heldoutStyle, all, nameVectors, train, concepts, -1, subcategories, subVectors);
                row("held-out concepts (20%), their names", heldoutConcepts, unseen, nameVectors, train, concepts, -1, subcategories, subVectors);
                List<Integer> subs = new ArrayList<>();
                for (int s = 0; s < subcategories.size(); s++) {
                    subs.add(s);
                }
                row("held-out concepts (20%), subcategories", heldoutConcepts, subs, subVectors, train, concepts, 1, subcategories, subVectors);
            }
            return 0;
        }

        /** One table row; {@code bySubcategory} > 0: candidates and labels are subcategories. */
        private void row(String task, List<Item> items, List<Integer> candidates, List<float[]> candidateVectors, List<Item> train,
                         JsonNode concepts, int bySubcategory, List<String> subcategories, List<float[]> subVectors) {
            int top1 = 0;
            int top5 = 0;
            int base1 = 0;
            int base5 = 0;
            for (Item item : items) {
                int truth = bySubcategory > 0 ? subcategories.indexOf(concepts.get(item.concept()).get("subcategory").asText()) : item.concept();
                int rank = rank(item.vector(), truth, candidates, candidateVectors);
                top1 += rank == 0 ? 1 : 0;
                top5 += rank < 5 ? 1 : 0;
                // baseline: the caption of the training image with the nearest colour histogram, ranked like a query
                Item nearest = null;
                double best = -1;
                for (Item t : train) {
                    double s = intersection(item.histogram(), t.histogram());
                    if (s > best) {
                        best = s;
                        nearest = t;
                    }
                }
                float[] caption = bySubcategory > 0
                        ? subVectors.get(subcategories.indexOf(concepts.get(nearest.concept()).get("subcategory").asText()))
                        : candidateVectors.get(nearest.concept());
                int baseRank = rank(caption, truth, candidates, candidateVectors);
                base1 += baseRank == 0 ? 1 : 0;
                base5 += baseRank < 5 ? 1 : 0;
            }
            int n = candidates.size();
            double size = Math.max(1, items.size());
            System.out.printf("%-52s %6d %6d   %-9s %-9s   %-9s %-9s%n", task, items.size(), n, pct(top1 / size), pct(top5 / size),
                    pct(1.0 / n) + "/" + pct(Math.min(1, 5.0 / n)), pct(base1 / size) + "/" + pct(base5 / size));
        }

        private static int rank(float[] query, int truth, List<Integer> candidates, List<float[]> vectors) {
            double target = Vectors.dot(query, vectors.get(truth));
            int better = 0;
            for (int c : candidates) {
                if (c != truth && Vectors.dot(query, vectors.get(c)) > target) {
                    better++;
                }
            }
            return better;
        }

        private static float[] histogram(RgbImage image) {
            float[] h = new float[64];
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    int bin = (image.get(x, y, 0) >> 6) * 16 + (image.get(x, y, 1) >> 6) * 4 + (image.get(x, y, 2) >> 6);
                    h[bin]++;
                }
            }
            float total = image.width() * image.height();
            for (int i = 0; i < h.length; i++) {
                h[i] /= total;
            }
            return h;
        }

        private static double intersection(float[] a, float[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += Math.min(a[i], b[i]);
            }
            return s;
        }

        private static String pct(double v) {
            return String.format("%.1f%%", 100 * v);
        }
    }
}
