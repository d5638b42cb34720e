package dev.prism.flinkjobs;

import dev.prism.connectors.KafkaTestClient;
import dev.prism.connectors.embedded.EmbeddedKafka;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.kafka.TopicReader;
import dev.prism.connectors.kafka.TopicAdmin;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DeadLetterCodec;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.connectors.wire.TagEventCodec;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.flinkjobs.config.IngestJobConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A real embedded Kafka broker and a Flink MiniCluster (2 TaskManagers × 1 slot, in-memory metric
 * reporter) shared by the IngestJob integration tests; each test uses its own topics and group.
 */
final class PipelineHarness {
    final Path dir;
    final EmbeddedKafka kafka;
    final MiniCluster cluster;
    final InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();

    PipelineHarness(Path dir) throws Exception {
        this.dir = dir;
        this.kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        Configuration flink = new Configuration();
        reporter.addToConfiguration(flink);
        flink.setString("taskmanager.memory.managed.size", "96m");
        flink.setString("taskmanager.memory.network.min", "32m");
        flink.setString("taskmanager.memory.network.max", "32m");
        // one slot per TaskManager: a parallelism-2 job always spans both, so killing either one hits it
        this.cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(flink).setNumTaskManagers(2)
                .setNumSlotsPerTaskManager(1).build());
        cluster.start();
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    PrismTopics topics(String prefix) throws Exception {
        PrismTopics topics = new PrismTopics(prefix + ".text", prefix + ".images", prefix + ".vectors", prefix + ".labelsets",
                prefix + ".tags", prefix + ".dlq");
        try (TopicAdmin admin = new TopicAdmin(bootstrap())) {
            admin.createTopics(topics, 3, (short) 1, Map.of());
        }
        return topics;
    }

    IngestJobConfig config(String prefix, PrismTopics topics, String model, int parallelism) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("bootstrap.servers", bootstrap());
        values.put("group.id", prefix);
        values.put("topics.text", topics.text());
        values.put("topics.images", topics.images());
        values.put("topics.vectors", topics.vectors());
        values.put("topics.labelsets", topics.labelSets());
        values.put("topics.tags", topics.tags());
        values.put("topics.dlq", topics.dlq());
        values.put("model", model);
        values.put("parallelism", Integer.toString(parallelism));
        values.put("checkpoint.interval", "1 s");
        values.put("checkpoint.dir", Files.createDirectories(dir.resolve("checkpoints-" + prefix)).toUri().toString());
        values.put("batch.max-delay", "2 ms");
        return IngestJobConfig.of(values);
    }

    JobID submit(IngestJobConfig config, String savepoint) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(IngestJob.flinkConfiguration(config));
        IngestJob.build(env, config);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        return cluster.submitJob(graph).get().getJobID();
    }

    void awaitRunning(JobID job) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
            boolean allRunning = graph.getState() == JobStatus.RUNNING;
            for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
                allRunning &= vertex.getExecutionState() == org.apache.flink.runtime.execution.ExecutionState.RUNNING;
            }
            if (allRunning) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " did not reach RUNNING");
    }

    long completedCheckpoints(JobID job) throws Exception {
        return cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
    }

    /** Highest attempt number of any task: 0 means the job never restarted. */
    int maxAttempt(JobID job) throws Exception {
        int max = 0;
        for (AccessExecutionVertex vertex : cluster.getExecutionGraph(job).get().getAllExecutionVertices()) {
            max = Math.max(max, vertex.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return max;
    }

    /** A produced event and where Kafka put it. */
    record Sent(DocumentEvent event, String topic, long offset, long timestamp) {
        long version() {
            return event.version() != null ? event.version() : timestamp;
        }
    }

    List<Sent> produce(String topic, List<DocumentEvent> events) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (DocumentEvent event : events) {
            byte[] value = event.isDelete() && event.version() == null ? null : DocumentEventCodec.write(event);
            records.add(new ProducerRecord<>(topic, event.id().getBytes(StandardCharsets.UTF_8), value));
        }
        List<RecordMetadata> landed = produceRaw(records);
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            sent.add(new Sent(events.get(i), topic, landed.get(i).offset(), landed.get(i).timestamp()));
        }
        return sent;
    }

    /** Sends raw records in order; returns where each landed. */
    List<RecordMetadata> produceRaw(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        return KafkaTestClient.produce(bootstrap(), null, records);
    }

    /** The compacted view of a vector topic: latest record per key, tombstones remove. */
    Map<String, VectorRecord> vectorView(String topic) {
        return TopicReader.vectorView(bootstrap(), topic, Duration.ofSeconds(60));
    }

    Map<String, VectorRecord> awaitView(String topic, Predicate<Map<String, VectorRecord>> done, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        Map<String, VectorRecord> view = vectorView(topic);
        while (!done.test(view) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            view = vectorView(topic);
        }
        return view;
    }

    List<DeadLetter> deadLetters(String topic) {
        return KafkaTestClient.readAll(bootstrap(), topic).stream().map(r -> DeadLetterCodec.read(r.value())).toList();
    }

    List<TagEvent> tagEvents(String topic) {
        return KafkaTestClient.readAll(bootstrap(), topic).stream().map(r -> TagEventCodec.read(r.value())).toList();
    }

    /** Sum over all subtasks of the counter whose identifier ends with {@code suffix} (e.g. "prism.dlq.parse"). */
    long metric(JobID job, String suffix) {
        long total = 0;
        for (var entry : reporter.getMetricsByIdentifiers(job).entrySet()) {
            if (entry.getKey().endsWith("." + suffix) && entry.getValue() instanceof org.apache.flink.metrics.Counter counter) {
                total += counter.getCount();
            }
        }
        return total;
    }

    /** Cancels every job that is still running (after a failed test, so the next one gets the slots). */
    void cancelAll() throws Exception {
        for (var status : cluster.listJobs().get()) {
            if (!status.getJobState().isGloballyTerminalState()) {
                cancel(status.getJobId());
            }
        }
    }

    void cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!cluster.getJobStatus(job).get().isGloballyTerminalState() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    void close() throws Exception {
        cluster.close();
        kafka.close();
    }
}
