package dev.prism.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded job jar `flink run` gets: Prism and its dependencies, never Flink's runtime or a Kafka broker. */
class JobJarIT {
    @Test
    void jarHasTheJobAndNoFlinkRuntime() throws Exception {
        Path jar = Path.of("target/prism-ingest-job.jar");
        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.prism.flinkjobs.IngestJob");
            List<String> names = new ArrayList<>();
            file.stream().forEach(e -> names.add(e.getName()));
            assertThat(names).contains("dev/prism/flinkjobs/IngestJob.class", "dev/prism/encoders/embed/EmbeddingModels.class",
                    "dev/prism/connectors/flink/PrismKafkaSinkBuilder.class", "all-minilm-l6-v2.onnx",
                    "org/apache/flink/connector/kafka/sink/KafkaSink.class");
            assertThat(names).noneMatch(n -> n.startsWith("org/apache/flink/runtime/")
                    || n.startsWith("org/apache/flink/api/common/")
                    || n.startsWith("org/apache/flink/streaming/api/environment/")
                    || n.startsWith("org/apache/flink/connector/base/")
                    || n.startsWith("kafka/server/")
                    || n.startsWith("org/slf4j/"));
        }
        assertThat(Files.size(jar)).isLessThan(400L * 1024 * 1024);
    }
}
