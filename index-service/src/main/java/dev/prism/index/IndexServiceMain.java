package dev.prism.index;

import dev.prism.encoders.onnx.Device;
import dev.prism.index.http.ApiKeys;
import dev.prism.index.http.RequestLimits;
import dev.prism.index.store.IndexSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the index service in its own process: {@code --data-dir D --bootstrap HOST:PORT [--topic prism.vectors]
 * [--partitions 0,1] [--model minilm|none|DIR] [--device cpu] [--host 127.0.0.1] [--port 8080]
 * [--api-keys FILE | --dev] [--hnsw-m 16] [--beam-width 100] [--int8] [--commit-interval-ms 5000]
 * [--commit-docs 10000] [--refresh-ms 100]}. Prints {@code {"port": N}} once serving.
 */
public final class IndexServiceMain {
    private static final Set<String> FLAGS = Set.of("dev", "int8");
    private static final Set<String> OPTIONS = Set.of("data-dir", "bootstrap", "topic", "partitions", "model", "device", "host", "port",
            "api-keys", "hnsw-m", "beam-width", "commit-interval-ms", "commit-docs", "refresh-ms");

    private IndexServiceMain() {}

    public static void main(String[] args) throws Exception {
        IndexService service = IndexService.start(parse(args));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("index service shutdown failed: " + e);
            }
            stopped.countDown();
        }, "prism-index-shutdown"));
        System.out.println("{\"port\":" + service.port() + "}");
        System.out.flush();
        while (stopped.getCount() > 0) {
            Throwable failure = service.consumer().failure();
            if (failure != null) {
                System.err.println("index service: vector log consumer failed, exiting: " + failure);
                System.exit(1);
            }
            Thread.sleep(500);
        }
    }

    public static IndexServiceConfig parse(String[] args) throws Exception {
        Map<String, String> values = new HashMap<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got '" + arg + "'");
            }
            String name = arg.substring(2);
            if (FLAGS.contains(name)) {
                flags.add(name);
            } else if (OPTIONS.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "; known: " + OPTIONS + " and flags " + FLAGS);
            }
        }
        List<Integer> partitions = null;
        if (values.containsKey("partitions")) {
            partitions = new ArrayList<>();
            for (String p : values.get("partitions").split(",")) {
                partitions.add(Integer.parseInt(p.strip()));
            }
        }
        String model = values.getOrDefault("model", "minilm");
        IndexSettings settings = new IndexSettings(Integer.parseInt(values.getOrDefault("hnsw-m", "16")),
                Integer.parseInt(values.getOrDefault("beam-width", "100")), flags.contains("int8"),
                Duration.ofMillis(Long.parseLong(values.getOrDefault("refresh-ms", "100"))),
                Duration.ofMillis(Long.parseLong(values.getOrDefault("commit-interval-ms", "5000"))),
                Integer.parseInt(values.getOrDefault("commit-docs", "10000")));
        return new IndexServiceConfig(values.containsKey("data-dir") ? Path.of(values.get("data-dir")) : null, values.get("bootstrap"),
                values.getOrDefault("topic", "prism.vectors"), partitions, model.equals("none") ? null : model,
                Device.parse(values.getOrDefault("device", "cpu")), values.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(values.getOrDefault("port", "8080")),
                values.containsKey("api-keys") ? ApiKeys.load(Path.of(values.get("api-keys"))) : null, flags.contains("dev"), settings,
                RequestLimits.DEFAULT);
    }
}
