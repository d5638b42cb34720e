package dev.prism.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.embedded.EmbeddedKafka;
import dev.prism.connectors.kafka.DocumentRecordParser;
import dev.prism.connectors.kafka.ParsedDocument;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.kafka.TopicReader;
import dev.prism.connectors.kafka.TopicAdmin;
import dev.prism.connectors.wire.DocumentLimits;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism ingest} into a real embedded broker. */
class IngestCommandIT {
    @TempDir
    Path dir;

    @Test
    void folderOf500ImagesPlusOneCorruptFile() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Map<String, byte[]> expected = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            String relative = "set" + (i % 5) + "/img-" + i + (i % 2 == 0 ? ".png" : ".jpg");
            BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i % 24, i % 16, Color.HSBtoRGB(i / 500f, 1f, 1f));
            Path file = images.resolve(relative);
            Files.createDirectories(file.getParent());
            ImageIO.write(image, i % 2 == 0 ? "png" : "jpeg", file.toFile());
            expected.put(relative, Files.readAllBytes(file));
        }
        Files.writeString(images.resolve("set0/corrupt.jpg"), "this is not an image");
        Files.writeString(images.resolve("notes.txt"), "ignored: not an image extension");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            try (TopicAdmin admin = new TopicAdmin(kafka.bootstrapServers())) {
                admin.createTopics(PrismTopics.DEFAULT, 3, (short) 1, Map.of());
            }
            CliRunner.Run run = CliRunner.run("ingest", "--images", images.toString(), "--bootstrap", kafka.bootstrapServers(),
                    "--metadata", "batch=7", "--no-progress");
            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("ingest images under " + images + ": 500 sent, 1 rejected, 0 failed")
                    .contains("rejected set0/corrupt.jpg: unsupported image format: the first bytes (74 68 69 73 20 69 73 20) "
                            + "match none of JPEG, PNG, GIF, BMP, WebP");

            DocumentRecordParser parser = new DocumentRecordParser(DocumentLimits.DEFAULT, 1024);
            Map<String, byte[]> received = new TreeMap<>();
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(kafka.bootstrapServers(), "prism.images", Duration.ofSeconds(60));
            assertThat(records).hasSize(500);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                ParsedDocument parsed = parser.parse(record);
                assertThat(parsed.isValid()).as(String.valueOf(parsed.deadLetter())).isTrue();
                assertThat(parsed.event().metadata()).isEqualTo(Map.of("batch", 7L));
                received.put(parsed.event().id(), parsed.event().image().bytes());
            }
            assertThat(received.keySet()).isEqualTo(expected.keySet());
            expected.forEach((id, bytes) -> assertThat(received.get(id)).as(id).isEqualTo(bytes));
        }
    }
}
