package dev.prism.connectors.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.Modality;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends ingest items to Kafka: key = id, value = the document event (a delete is a tombstone), text to the
 * text topic and images to the images topic unless one topic is forced. Idempotent producer, acks=all,
 * batching and compression; records over the size limit are rejected on the client. A dry run prints
 * what would be sent and touches no broker.
 */
public final class DocumentProducer {
    /** Base64 of a 20 MB image plus its JSON envelope. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 28 * 1000 * 1000;
    private static final int MAX_PROBLEMS_KEPT = 1000;

    private final Properties producerProps = new Properties();
    private final PrismTopics topics;
    private final String forcedTopic;
    private final int maxRecordBytes;
    private final boolean dryRun;
    private final boolean progress;

    public DocumentProducer(String bootstrapServers, PrismTopics topics, String forcedTopic, String compression, int lingerMs,
                            int batchBytes, int maxRecordBytes, boolean dryRun, boolean progress) {
        if (!dryRun && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("--bootstrap is required (or use --dry-run)");
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("max record bytes must be >= 1, got " + maxRecordBytes);
        }
        this.topics = topics;
        this.forcedTopic = forcedTopic;
        this.maxRecordBytes = maxRecordBytes;
        this.dryRun = dryRun;
        this.progress = progress;
        if (!dryRun) {
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
            producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
            producerProps.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
            producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchBytes));
            producerProps.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRecordBytes + 1024));
            producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        }
    }

    public String topicFor(DocumentEvent event) {
        if (forcedTopic != null) {
            return forcedTopic;
        }
        return !event.isDelete() && event.modality() == Modality.IMAGE ? topics.images() : topics.text();
    }

    public IngestSummary send(IngestInput input, PrintStream out, PrintStream err) throws IOException {
        long total = input.count();
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long rejected = 0;
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ObjectMapper json = new ObjectMapper();
        ProgressBar bar = progress && !dryRun ? new ProgressBarBuilder().setTaskName("ingest").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(err)).build() : null;
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null
                : new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            Iterator<IngestItem> items = input.items();
            while (items.hasNext()) {
                IngestItem item = items.next();
                if (item.isRejected()) {
                    rejected++;
                    keep(problems, item.origin() + ": " + item.rejection());
                    step(bar);
                    continue;
                }
                DocumentEvent event = item.event();
                byte[] key = event.id().getBytes(StandardCharsets.UTF_8);
                byte[] value = event.isDelete() ? null : DocumentEventCodec.write(event);
                int size = key.length + (value == null ? 0 : value.length);
                if (size > maxRecordBytes) {
                    rejected++;
                    keep(problems, item.origin() + ": record is " + size + " bytes, over the limit of " + maxRecordBytes
                            + " (raise --max-record-bytes and the topic's max.message.bytes, or send a smaller file)");
                    step(bar);
                    continue;
                }
                String topic = topicFor(event);
                if (dryRun) {
                    ObjectNode line = json.createObjectNode().put("topic", topic).put("key", event.id())
                            .put("op", event.isDelete() ? "delete" : "upsert").put("bytes", size).put("origin", item.origin());
                    out.println(json.writeValueAsString(line));
                    sent.incrementAndGet();
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                    if (error == null) {
                        sent.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        keep(problems, item.origin() + ": send failed: " + error.getMessage());
                    }
                    step(bar);
                });
            }
            if (producer != null) {
                producer.flush();
                producer.close(Duration.ofSeconds(60));
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        return new IngestSummary(sent.get(), rejected, failed.get(), List.copyOf(problems));
    }

    private static void keep(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS_KEPT) {
            problems.add(problem);
        }
    }

    private static void step(ProgressBar bar) {
        if (bar != null) {
            bar.step();
        }
    }
}
