package dev.prism.cli.local;

import dev.prism.connectors.embedded.EmbeddedKafka;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.kafka.TopicAdmin;
import dev.prism.encoders.onnx.Device;
import dev.prism.flinkjobs.IngestJob;
import dev.prism.index.IndexService;
import dev.prism.index.IndexServiceConfig;
import dev.prism.index.http.RequestLimits;
import dev.prism.index.store.IndexSettings;
import dev.prism.flinkjobs.config.IngestJobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Everything in one process: an embedded Kafka broker in a temporary folder, the Prism topics, the IngestJob
 * on Flink's local MiniCluster and the index service. Used by {@code prism demo} and {@code prism bench pipeline}.
 */
public final class LocalPipeline implements AutoCloseable {
    private final Path dir;
    private final EmbeddedKafka kafka;
    private final IngestJobConfig config;
    private JobClient job;
    private IndexService index;

    private LocalPipeline(Path dir, EmbeddedKafka kafka, IngestJobConfig config) {
        this.dir = dir;
        this.kafka = kafka;
        this.config = config;
    }

    /** Starts Kafka and creates the topics; {@link #startJob()} starts the IngestJob. */
    public static LocalPipeline start(String model, int parallelism, Map<String, String> extra) throws Exception {
        Path dir = Files.createTempDirectory("prism-local");
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        try (TopicAdmin admin = new TopicAdmin(kafka.bootstrapServers())) {
            admin.createTopics(PrismTopics.DEFAULT, parallelism, (short) 1, Map.of());
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("bootstrap.servers", kafka.bootstrapServers());
        values.put("model", model);
        values.put("parallelism", Integer.toString(parallelism));
        values.put("checkpoint.interval", "5 s");
        values.put("checkpoint.dir", dir.resolve("checkpoints").toUri().toString());
        values.putAll(extra);
        return new LocalPipeline(dir, kafka, IngestJobConfig.of(values));
    }

    public void startJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(IngestJob.flinkConfiguration(config));
        IngestJob.build(env, config);
        job = env.executeAsync("prism-ingest");
    }

    /** Starts the index service on the vector topic (no authentication, loopback, any free port); returns its URL. */
    public String startIndex(String model) throws Exception {
        index = IndexService.start(new IndexServiceConfig(dir.resolve("index"), kafka.bootstrapServers(), PrismTopics.DEFAULT.vectors(),
                null, model, Device.CPU, "127.0.0.1", 0, null, true, IndexSettings.DEFAULT, RequestLimits.DEFAULT));
        return "http://127.0.0.1:" + index.port();
    }

    public String bootstrap() {
        return kafka.bootstrapServers();
    }

    public IngestJobConfig config() {
        return config;
    }

    @Override
    public void close() throws Exception {
        try {
            if (index != null) {
                index.close();
            }
            if (job != null) {
                job.cancel().get();
            }
        } finally {
            kafka.close();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
