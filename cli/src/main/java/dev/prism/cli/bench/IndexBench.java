package dev.prism.cli.bench;

import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.encoders.embed.Vectors;
import dev.prism.index.query.Hit;
import dev.prism.index.query.QueryEngine;
import dev.prism.index.query.SearchRequest;
import dev.prism.index.store.IndexSettings;
import dev.prism.index.store.IndexStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code prism bench index}: indexing docs/s, then QPS and recall@10 at several num_candidates against exact
 * brute force in the same run, for float32 and int8 HNSW; writes a recall–QPS plot (PNG).
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Lucene HNSW: indexing docs/s, QPS and recall@10 vs brute force at num_candidates 20..400, float32 vs int8, PNG plot.")
public final class IndexBench implements Callable<Integer> {
    @Option(names = "--vectors", defaultValue = "100000", description = "Random unit vectors to index. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--dim", defaultValue = "384", description = "Dimension (MiniLM's). Default: ${DEFAULT-VALUE}.")
    int dim;

    @Option(names = "--queries", defaultValue = "200", description = "Queries per setting. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--candidates", split = ",", defaultValue = "20,50,100,200,400", description = "Default: ${DEFAULT-VALUE}.")
    List<Integer> candidates;

    @Option(names = "--out", defaultValue = "bench-index.png", description = "Plot file. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--data", defaultValue = "clustered", description = "clustered: 1,000 Gaussian clusters on the sphere (intra-cluster "
            + "cosine ~0.5, like text embeddings); uniform: uniform on the sphere (no neighbourhood structure, worst case). Default: ${DEFAULT-VALUE}.")
    String data;

    private List<float[]> centers;

    @Override
    public Integer call() throws Exception {
        Random random = new Random(42);
        if (!data.equals("clustered") && !data.equals("uniform")) {
            throw new IllegalArgumentException("--data must be clustered or uniform, got '" + data + "'");
        }
        if (data.equals("clustered")) {
            centers = new ArrayList<>();
            for (int c = 0; c < 1000; c++) {
                centers.add(gaussianUnit(random));
            }
        }
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            vectors.add(unit(random));
        }
        List<float[]> queryVectors = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            queryVectors.add(unit(random));
        }
        System.out.printf("index bench: %,d synthetic unit %d-d vectors (%s), %d queries, k=10, M=16, beam 100, %d cores%n%n", count, dim,
                data.equals("clustered") ? "1,000 Gaussian clusters" : "uniform on the sphere: the worst case", queries,
                Runtime.getRuntime().availableProcessors());
        long start = System.nanoTime();
        List<Set<Integer>> exact = new ArrayList<>();
        for (float[] q : queryVectors) {
            exact.add(bruteForce(vectors, q, 10));
        }
        double bruteQps = queries / ((System.nanoTime() - start) / 1e9);
        System.out.printf("exact brute force: %.1f QPS (one thread)%n%n", bruteQps);

        XYChart chart = new XYChartBuilder().width(800).height(500).title("Prism index: recall@10 vs QPS (" + count + " x " + dim + "-d)")
                .xAxisTitle("recall@10").yAxisTitle("queries/s").build();
        for (boolean int8 : new boolean[] {false, true}) {
            Path dir = Files.createTempDirectory("prism-bench-index");
            try (IndexStore store = new IndexStore(dir, IndexSettings.DEFAULT.withInt8(int8))) {
                long t0 = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    store.upsert(new VectorRecord("d" + i, Modality.TEXT, "bench@1", vectors.get(i), Map.of(), List.of(), 1,
                            new SourceRef("bench", 0, i, null), null));
                }
                store.commit(Map.of(0, (long) count));
                store.refresh();
                double indexRate = count / ((System.nanoTime() - t0) / 1e9);
                String name = int8 ? "int8" : "float32";
                System.out.printf("%-8s indexing %,.0f docs/s (incl. HNSW build, commit)%n", name, indexRate);
                QueryEngine engine = new QueryEngine(store, null);
                List<Double> recalls = new ArrayList<>();
                List<Double> qpss = new ArrayList<>();
                for (int nc : candidates) {
                    for (int q = 0; q < Math.min(20, queries); q++) { // warm-up
                        engine.search(request(queryVectors.get(q), nc));
                    }
                    double recall = 0;
                    long s = System.nanoTime();
                    for (int q = 0; q < queries; q++) {
                        List<Hit> hits = engine.search(request(queryVectors.get(q), nc));
                        Set<Integer> truth = exact.get(q);
                        recall += hits.stream().filter(h -> truth.contains(Integer.parseInt(h.id().substring(1)))).count() / 10.0;
                    }
                    double qps = queries / ((System.nanoTime() - s) / 1e9);
                    recall /= queries;
                    recalls.add(recall);
                    qpss.add(qps);
                    System.out.printf("%-8s num_candidates %-4d recall@10 %.4f  %8.1f QPS  (%.0fx brute force)%n", name, nc, recall, qps,
                            qps / bruteQps);
                }
                chart.addSeries(name, recalls, qpss);
                System.out.println();
            } finally {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        BitmapEncoder.saveBitmap(chart, out.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("plot: " + out.toAbsolutePath());
        return 0;
    }

    private static SearchRequest request(float[] query, int candidates) {
        return new SearchRequest(null, null, query, null, 10, Math.max(10, candidates), SearchRequest.Filter.NONE, null, 0, false, false);
    }

    private float[] unit(Random random) {
        if (centers == null) {
            return gaussianUnit(random);
        }
        float[] center = centers.get(random.nextInt(centers.size()));
        float[] v = new float[dim];
        double sigma = 1.0 / Math.sqrt(dim); // noise of norm ~1 around a unit centre: cosine to the centre ~0.7
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (center[i] + sigma * random.nextGaussian());
        }
        return Vectors.normalize(v);
    }

    private float[] gaussianUnit(Random random) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    private static Set<Integer> bruteForce(List<float[]> vectors, float[] query, int k) {
        PriorityQueue<double[]> top = new PriorityQueue<>(Comparator.comparingDouble(a -> a[0]));
        for (int i = 0; i < vectors.size(); i++) {
            double score = Vectors.dot(query, vectors.get(i));
            if (top.size() < k) {
                top.add(new double[] {score, i});
            } else if (score > top.peek()[0]) {
                top.poll();
                top.add(new double[] {score, i});
            }
        }
        Set<Integer> ids = new HashSet<>();
        top.forEach(a -> ids.add((int) a[1]));
        return ids;
    }
}
