package dev.prism.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.encoders.TestModels;
import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.flinkjobs.config.IngestJobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IngestJob on a MiniCluster (2 TaskManagers) against a real embedded Kafka broker. */
class IngestJobIT {
    @TempDir
    static Path dir;
    static PipelineHarness harness;
    static String clipModel;

    @BeforeAll
    static void start() throws Exception {
        harness = new PipelineHarness(dir);
        clipModel = TestModels.tinyClipFolder(Files.createDirectories(dir.resolve("tiny-clip"))).toString();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

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
}
