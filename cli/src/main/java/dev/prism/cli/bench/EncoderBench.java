package dev.prism.cli.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.EncoderOptions;
import dev.prism.encoders.embed.ImageEncoder;
import dev.prism.encoders.embed.TextEncoder;
import dev.prism.encoders.embed.Vectors;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code prism bench encoders}: texts/s of Prism's batched MiniLM vs langchain4j's {@code embedAll} on the
 * same sentences in the same run (plus the int8 variant of both), a batch-size sweep, parity of the two,
 * and images/s of a CLIP vision tower.
 */
@Command(name = "encoders", mixinStandardHelpOptions = true,
        description = "Texts/s ours vs langchain4j (same sentences, same run), batch sweep, images/s of a CLIP vision tower.")
public final class EncoderBench implements Callable<Integer> {
    @Option(names = "--sentences", defaultValue = "2000", description = "How many sentences. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Text files or folders to cut sentences from "
            + "(default: /usr/share/common-licenses and /usr/share/doc).")
    List<Path> corpus;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,8,32,128", description = "Default: ${DEFAULT-VALUE}.")
    List<Integer> batchSizes;

    @Option(names = "--rounds", defaultValue = "2", description = "Timed rounds per configuration; the best is reported.")
    int rounds;

    @Option(names = "--clip-model", paramLabel = "DIR", defaultValue = "encoders/src/test/resources/models/tiny-clip",
            description = "Folder holding a CLIP vision_model.onnx (default: the tiny fixture).")
    Path clipModel;

    @Option(names = "--skip-quantized", description = "Skip the int8 (minilm-q) comparison.")
    boolean skipQuantized;

    @Override
    public Integer call() throws Exception {
        List<String> sentences = BenchCorpus.load(corpus != null ? corpus : BenchCorpus.DEFAULT_SOURCES, count);
        System.out.printf("corpus: %d sentences from %s; %d cores, Java %s%n%n", sentences.size(),
                corpus != null ? corpus : BenchCorpus.DEFAULT_SOURCES, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        compare("minilm", new AllMiniLmL6V2EmbeddingModel(), sentences, batchSizes);
        if (!skipQuantized) {
            compare("minilm-q", new AllMiniLmL6V2QuantizedEmbeddingModel(), sentences, List.of(32));
        }
        images();
        return 0;
    }

    private void compare(String ours, EmbeddingModel peer, List<String> sentences, List<Integer> sizes) {
        List<TextSegment> segments = sentences.stream().map(TextSegment::from).toList();
        try (dev.prism.encoders.embed.EmbeddingModel model = EmbeddingModels.load(ours, EncoderOptions.defaults())) {
            TextEncoder encoder = model.requireText();
            encoder.encodeAll(sentences.subList(0, 200), 32); // warm-up both
            peer.embedAll(segments.subList(0, 200));
            double peerSeconds = Double.MAX_VALUE;
            List<float[]> peerVectors = null;
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                var response = peer.embedAll(segments);
                peerSeconds = Math.min(peerSeconds, (System.nanoTime() - start) / 1e9);
                peerVectors = response.content().stream().map(e -> e.vector()).toList();
            }
            double peerRate = sentences.size() / peerSeconds;
            System.out.printf("%-9s %-30s %8.1f texts/s%n", ours, "langchain4j embedAll", peerRate);
            List<Integer> rows = new ArrayList<>(sizes);
            rows.add(-1); // the default: token-budget batching
            for (int batch : rows) {
                double best = Double.MAX_VALUE;
                List<float[]> vectors = null;
                for (int r = 0; r < rounds; r++) {
                    long start = System.nanoTime();
                    vectors = batch < 0 ? encoder.encodeAll(sentences) : encoder.encodeAll(sentences, batch);
                    best = Math.min(best, (System.nanoTime() - start) / 1e9);
                }
                double minCos = 1;
                double sumCos = 0;
                for (int i = 0; i < vectors.size(); i++) {
                    double c = Vectors.cosine(vectors.get(i), peerVectors.get(i));
                    minCos = Math.min(minCos, c);
                    sumCos += c;
                }
                double rate = sentences.size() / best;
                String label = batch < 0 ? "prism default (<=32, <=" + TextEncoder.DEFAULT_BATCH_TOKENS + " tok)" : "prism batch " + batch;
                System.out.printf("%-9s %-30s %8.1f texts/s  ratio %.2fx  parity cos min %.6f mean %.6f%n",
                        ours, label, rate, rate / peerRate, minCos, sumCos / vectors.size());
            }
            System.out.println();
        }
    }

    private void images() throws IOException {
        String home = System.getenv("PRISM_HOME");
        Path folder = clipModel.isAbsolute() || home == null ? clipModel : Path.of(home).resolve(clipModel);
        Path vision = folder.resolve("vision_model.onnx");
        if (!Files.exists(vision)) {
            System.out.println("images: skipped (" + vision + " not found; run from the project root or pass --clip-model)");
            return;
        }
        Path dir = Files.createTempDirectory("prism-bench-clip");
        Files.copy(vision, dir.resolve("vision_model.onnx"));
        Files.writeString(dir.resolve("prism-model.json"), """
                {"name": "bench-clip-vision", "kind": "clip", "files": {"vision": "vision_model.onnx"},
                 "image": {"size": 224, "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711]}}
                """);
        List<byte[]> jpegs = syntheticJpegs(64);
        try (dev.prism.encoders.embed.EmbeddingModel model = EmbeddingModels.load(dir.toString(), EncoderOptions.defaults())) {
            ImageEncoder encoder = model.requireImage();
            List<float[]> pixels = new ArrayList<>();
            long start = System.nanoTime();
            for (byte[] jpeg : jpegs) {
                pixels.add(encoder.preprocess(jpeg));
            }
            double preprocessRate = jpegs.size() / ((System.nanoTime() - start) / 1e9);
            System.out.printf("images    decode+preprocess 640x480 JPEG  %8.1f images/s (one thread)%n", preprocessRate);
            for (int batch : List.of(1, 32)) {
                encoder.embedPixels(pixels.subList(0, batch)); // warm-up
                double best = Double.MAX_VALUE;
                for (int r = 0; r < rounds; r++) {
                    long t = System.nanoTime();
                    for (int i = 0; i + batch <= pixels.size(); i += batch) {
                        encoder.embedPixels(pixels.subList(i, i + batch));
                    }
                    best = Math.min(best, (System.nanoTime() - t) / 1e9);
                }
                System.out.printf("images    vision tower batch %-3d            %8.1f images/s (%s)%n", batch, pixels.size() / best, clipModel);
            }
        }
    }

    private static List<byte[]> syntheticJpegs(int n) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setPaint(new GradientPaint(0, 0, new Color(i * 4 % 256, 80, 200), 640, 480, new Color(250, i * 3 % 256, 20)));
            g.fillRect(0, 0, 640, 480);
            g.setColor(Color.WHITE);
            g.fillOval(100 + i, 100, 200, 150);
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }
}
