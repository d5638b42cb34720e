package dev.prism.cli.commands;

import dev.prism.encoders.onnx.Device;
import dev.prism.index.IndexService;
import dev.prism.index.IndexServiceConfig;
import dev.prism.index.http.ApiKeys;
import dev.prism.index.http.RequestLimits;
import dev.prism.index.store.IndexSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prism index serve}: the index service (Lucene HNSW fed by prism.vectors, HTTP API). */
@Command(name = "index", mixinStandardHelpOptions = true, description = "The index service.", subcommands = {IndexCommand.Serve.class})
public final class IndexCommand {

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Tail prism.vectors into a Lucene HNSW index and serve search/classify over HTTP until interrupted.")
    public static final class Serve implements Callable<Integer> {
        @Option(names = "--data-dir", required = true, description = "Index folder (reused on restart).")
        Path dataDir;

        @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers.")
        String bootstrap;

        @Option(names = "--topic", defaultValue = "prism.vectors", description = "Vector topic. Default: ${DEFAULT-VALUE}.")
        String topic;

        @Option(names = "--partitions", split = ",", description = "Only these partitions (shards split a topic). Default: all.")
        List<Integer> partitions;

        @Option(names = "--model", defaultValue = "minilm", description = "Query model (same as the IngestJob's), or 'none'. Default: ${DEFAULT-VALUE}.")
        String model;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda:N. Default: ${DEFAULT-VALUE}.")
        String device;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address. Default: ${DEFAULT-VALUE}.")
        String host;

        @Option(names = "--port", defaultValue = "8080", description = "Port (0 = any free). Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--api-keys", description = "File of 'read:KEY' / 'admin:KEY' lines.")
        Path apiKeys;

        @Option(names = "--dev", description = "No authentication (development only).")
        boolean dev;

        @Option(names = "--hnsw-m", defaultValue = "16", description = "HNSW graph degree. Default: ${DEFAULT-VALUE}.")
        int m;

        @Option(names = "--beam-width", defaultValue = "100", description = "HNSW construction beam width. Default: ${DEFAULT-VALUE}.")
        int beamWidth;

        @Option(names = "--int8", description = "int8 scalar quantisation of the vectors.")
        boolean int8;

        @Option(names = "--commit-interval-ms", defaultValue = "5000", description = "Default: ${DEFAULT-VALUE}.")
        long commitIntervalMs;

        @Option(names = "--commit-docs", defaultValue = "10000", description = "Default: ${DEFAULT-VALUE}.")
        int commitDocs;

        @Override
        public Integer call() throws Exception {
            IndexServiceConfig config = new IndexServiceConfig(dataDir, bootstrap, topic, partitions, model.equals("none") ? null : model,
                    Device.parse(device), host, port, apiKeys == null ? null : ApiKeys.load(apiKeys), dev,
                    new IndexSettings(m, beamWidth, int8, Duration.ofMillis(100), Duration.ofMillis(commitIntervalMs), commitDocs),
                    RequestLimits.DEFAULT);
            IndexService service = IndexService.start(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    service.close();
                } catch (Exception e) {
                    System.err.println("prism index: shutdown failed: " + e);
                }
                stopped.countDown();
            }, "prism-index-shutdown"));
            System.out.println("{\"url\":\"http://" + host + ":" + service.port() + "\"}");
            System.out.flush();
            System.err.println("prism index: serving http://" + host + ":" + service.port() + (dev ? " (DEV MODE: no authentication)" : ""));
            stopped.await();
            return 0;
        }
    }
}
