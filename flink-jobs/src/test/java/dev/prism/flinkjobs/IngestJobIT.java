package dev.prism.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.flinkjobs.config.IngestJobConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

/** The IngestJob on a MiniCluster (2 TaskManagers) against a real embedded Kafka broker. */
class IngestJobIT extends PipelineITBase {
    static EmbeddingModel model(IngestJobConfig config, String spec) {
        return EmbeddingModels.shared(spec, config.encoderOptions());
    }

    @Test
    void endToEndTextAndImagesWithUpdatesAndDeletesEqualTheOracle() throws Exception {
        PrismTopics topics = harness.topics("e2e");
        IngestJobConfig config = harness.config("e2e", topics, clipModel, 2);
        JobID job = harness.submit(config, null);
        Workload workload = new Workload(7);
        List<PipelineHarness.Sent> sent = new ArrayList<>();
        sent.addAll(harness.produce(topics.text(), workload.text("t", 2000)));
        sent.addAll(harness.produce(topics.images(), workload.images("i", 300)));
        Map<String, PipelineHarness.Sent> expected = Workload.oracle(sent);

        Map<String, VectorRecord> view = harness.awaitView(topics.vectors(), v -> Workload.converged(v, expected), Duration.ofMinutes(4));
        Workload.assertMatches(view, expected, model(config, clipModel));
        assertThat(harness.deadLetters(topics.dlq())).isEmpty();
        assertThat(harness.maxAttempt(job)).as("restarts").isZero();
        harness.cancel(job);
    }

    @Test
    void taskManagerKilledAfterACheckpointConvergesToTheOracle() throws Exception {
        PrismTopics topics = harness.topics("tmkill");
        IngestJobConfig config = harness.config("tmkill", topics, clipModel, 2);
        JobID job = harness.submit(config, null);
        harness.awaitRunning(job);
        Workload workload = new Workload(11);
        List<DocumentEvent> text = workload.text("k", 1500);
        List<PipelineHarness.Sent> sent = new ArrayList<>(harness.produce(topics.text(), text.subList(0, 700)));
        long deadline = System.currentTimeMillis() + 60_000;
        while (harness.completedCheckpoints(job) < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(harness.completedCheckpoints(job)).as("completed checkpoints before the kill").isGreaterThanOrEqualTo(1);
        sent.addAll(harness.produce(topics.text(), text.subList(700, 1100)));
        harness.cluster.terminateTaskManager(0).get(); // mid-stream: the second batch is still being processed
        harness.cluster.startTaskManager();
        sent.addAll(harness.produce(topics.text(), text.subList(1100, 1500)));
        sent.addAll(harness.produce(topics.images(), workload.images("ki", 60)));
        Map<String, PipelineHarness.Sent> expected = Workload.oracle(sent);

        Map<String, VectorRecord> view = harness.awaitView(topics.vectors(), v -> Workload.converged(v, expected), Duration.ofMinutes(4));
        Workload.assertMatches(view, expected, model(config, clipModel));
        assertThat(harness.maxAttempt(job)).as("the job restarted after the TaskManager loss").isGreaterThanOrEqualTo(1);
        assertThat(harness.deadLetters(topics.dlq())).isEmpty();
        harness.cancel(job);
    }

    @Test
    void stopWithSavepointAndRestoreAtHigherParallelism() throws Exception {
        PrismTopics topics = harness.topics("rescale");
        IngestJobConfig config = harness.config("rescale", topics, clipModel, 2);
        JobID job = harness.submit(config, null);
        harness.awaitRunning(job);
        Workload workload = new Workload(13);
        List<DocumentEvent> text = workload.text("r", 1200);
        List<PipelineHarness.Sent> sent = new ArrayList<>(harness.produce(topics.text(), text.subList(0, 600)));
        sent.addAll(harness.produce(topics.images(), workload.images("ri", 60)));
        Map<String, PipelineHarness.Sent> firstHalf = Workload.oracle(sent);
        harness.awaitView(topics.vectors(), v -> Workload.converged(v, firstHalf), Duration.ofMinutes(2));
        String savepoint = harness.cluster.stopWithSavepoint(job, dir.resolve("savepoints").toUri().toString(), false,
                org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get();

        harness.cluster.startTaskManager(); // a third slot for parallelism 3
        JobID restored = harness.submit(config.with(dev.prism.flinkjobs.config.IngestJobOptions.PARALLELISM, "3"), savepoint);
        harness.awaitRunning(restored);
        sent.addAll(harness.produce(topics.text(), text.subList(600, 1200)));
        // replaying old versions after the restore must not regress anything
        sent.addAll(harness.produce(topics.images(), workload.images("ri", 40)));
        Map<String, PipelineHarness.Sent> expected = Workload.oracle(sent);
        Map<String, VectorRecord> view = harness.awaitView(topics.vectors(), v -> Workload.converged(v, expected), Duration.ofMinutes(3));
        Workload.assertMatches(view, expected, model(config, clipModel));
        assertThat(harness.cluster.getExecutionGraph(restored).get().getAllExecutionVertices())
                .anySatisfy(v -> assertThat(v.getParallelSubtaskIndex()).isEqualTo(2)); // really running with 3
        harness.cancel(restored);
    }
}
