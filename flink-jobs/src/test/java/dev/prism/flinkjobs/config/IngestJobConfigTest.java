package dev.prism.flinkjobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobConfigTest {
    @TempDir
    Path dir;

    @Test
    void fileThenArgumentsWithAndWithoutPrefix() throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "prism.bootstrap.servers=kafka:9092\nmodel=/models/clip\nbatch.max-size=64\n");
        IngestJobConfig config = IngestJobConfig.fromArgs(new String[] {"--config", file.toString(), "--batch.max-size", "128",
                "--prism.checkpoint.interval=30 s"});
        assertThat(config.get(IngestJobOptions.BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
        assertThat(config.get(IngestJobOptions.MODEL)).isEqualTo("/models/clip");
        assertThat(config.get(IngestJobOptions.BATCH_MAX_SIZE)).isEqualTo(128); // the command line wins
        assertThat(config.get(IngestJobOptions.CHECKPOINT_INTERVAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.get(IngestJobOptions.DELIVERY_GUARANTEE)).isEqualTo("AT_LEAST_ONCE");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> IngestJobConfig.fromArgs(new String[] {"--bootstrap.servers", "k:1", "--modle", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown setting 'prism.modle'; known settings: [");
        assertThatThrownBy(() -> IngestJobConfig.fromArgs(new String[] {"--bootstrap.servers", "k:1", "--batch.max-size", "lots"}))
                .hasMessageStartingWith("bad value for prism.batch.max-size: 'lots'");
        assertThatThrownBy(() -> IngestJobConfig.fromArgs(new String[] {"--model", "minilm"}))
                .hasMessage("prism.bootstrap.servers is required");
        assertThatThrownBy(() -> IngestJobConfig.fromArgs(new String[] {"--bootstrap.servers", "k:1", "--delivery.guarantee", "NONE"}))
                .hasMessage("prism.delivery.guarantee must be AT_LEAST_ONCE or EXACTLY_ONCE, got 'NONE'");
        assertThatThrownBy(() -> IngestJobConfig.fromArgs(new String[] {"--bootstrap.servers", "k:1", "--device", "tpu"}))
                .hasMessage("device must be 'cpu' or 'cuda:N', got 'tpu'");
        assertThatThrownBy(() -> IngestJobConfig.fromArgs(new String[] {"--bootstrap.servers"}))
                .hasMessage("missing value for --bootstrap.servers");
        assertThatThrownBy(() -> IngestJobConfig.fromArgs(new String[] {"--bootstrap.servers", "k:1", "--batch.max-size", "0"}))
                .hasMessage("maxBatchSize must be in [1, 4096], got 0");
    }
}
