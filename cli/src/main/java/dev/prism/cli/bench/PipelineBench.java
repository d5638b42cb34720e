package dev.prism.cli.bench;

import dev.prism.cli.local.LocalPipeline;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.TextEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code prism bench pipeline}: documents/s through the whole IngestJob (Kafka in → vector records out)
 * vs the encoder alone on the same documents in the same run, then end-to-end latency (produce → vector
 * record consumed) at a fixed input rate.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Documents/s through the IngestJob vs the encoder alone (same documents, same run); latency p50/p99 at a fixed rate.")
public final class PipelineBench implements Callable<Integer> {
    @Option(names = "--documents", defaultValue = "4000", description = "Documents for the throughput run. Default: ${DEFAULT-VALUE}.")
    int documents;

    @Option(names = "--rate", defaultValue = "50", description = "Documents/s for the latency run. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the latency run. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--parallelism", defaultValue = "1", description = "Job parallelism. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--batch-size", defaultValue = "512", description = "The job's prism.batch.max-size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--async-capacity", defaultValue = "1024", description = "The job's prism.async.capacity. Default: ${DEFAULT-VALUE}.")
    int asyncCapacity;

    @Option(names = "--model", defaultValue = "minilm", description = "Model. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Text files or folders (default: Debian licence texts and docs).")
    List<Path> corpus;

    @Override
    public Integer call() throws Exception {
        List<String> texts = BenchCorpus.load(corpus != null ? corpus : BenchCorpus.DEFAULT_SOURCES, documents + rate * seconds + 10);
        List<String> throughputTexts = texts.subList(0, documents);
        System.out.printf("pipeline bench: %d documents, model %s, parallelism %d, %d cores%n%n", documents, model, parallelism,
                Runtime.getRuntime().availableProcessors());
        PrismTopics topics = PrismTopics.DEFAULT;
        try (LocalPipeline pipeline = LocalPipeline.start(model, parallelism, Map.of("batch.max-delay", "5 ms", "batch.max-size", Integer.toString(batchSize),
                "async.capacity", Integer.toString(asyncCapacity), "batch.max-in-flight", Integer.toString(Math.max(2048, 2 * batchSize))))) {
            TextEncoder encoder = EmbeddingModels.shared(model, pipeline.config().encoderOptions()).requireText();
            encoder.encodeAll(throughputTexts.subList(0, 200)); // warm-up
            long start = System.nanoTime();
            encoder.encodeAll(throughputTexts);
            double encoderRate = documents / ((System.nanoTime() - start) / 1e9);
            System.out.printf("encoder alone (encodeAll, same texts)      %8.1f docs/s%n", encoderRate);

            Map<String, Long> arrivals = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread consumer = new Thread(() -> consume(pipeline.bootstrap(), topics.vectors(), arrivals, running), "bench-consumer");
            consumer.start();
            pipeline.startJob();
            try (KafkaProducer<byte[], byte[]> producer = producer(pipeline.bootstrap())) {
                send(producer, topics.text(), "warmup", "warm up the job");
                await(arrivals, List.of("warmup"), Duration.ofMinutes(3));

                List<String> ids = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < documents; i++) {
                    String id = "t" + i;
                    ids.add(id);
                    send(producer, topics.text(), id, throughputTexts.get(i));
                }
                producer.flush();
                await(arrivals, ids, Duration.ofMinutes(10));
                long last = ids.stream().mapToLong(arrivals::get).max().orElseThrow();
                double jobRate = documents / ((last - t0) / 1e9);
                System.out.printf("IngestJob (Kafka in -> vectors out)        %8.1f docs/s   ratio %.2f%n", jobRate, jobRate / encoderRate);

                List<String> latencyIds = new ArrayList<>();
                Map<String, Long> sentAt = new ConcurrentHashMap<>();
                long intervalNanos = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (int i = 0; i < rate * seconds; i++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait); // pace without burning a core
                    }
                    String id = "l" + i;
                    latencyIds.add(id);
                    sentAt.put(id, System.nanoTime());
                    send(producer, topics.text(), id, texts.get(documents + i));
                    next += intervalNanos;
                }
                await(arrivals, latencyIds, Duration.ofMinutes(5));
                List<Long> latencies = new ArrayList<>();
                for (String id : latencyIds) {
                    latencies.add((arrivals.get(id) - sentAt.get(id)) / 1_000_000);
                }
                Collections.sort(latencies);
                System.out.printf("latency at %d docs/s for %d s (produce -> vector consumed): p50 %d ms, p99 %d ms, max %d ms%n",
                        rate, seconds, latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)),
                        latencies.get(latencies.size() - 1));
            } finally {
                running.set(false);
                consumer.join(10_000);
            }
        }
        return 0;
    }

    private static void consume(String bootstrap, String topic, Map<String, Long> arrivals, AtomicBoolean running) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    arrivals.putIfAbsent(new String(r.key(), StandardCharsets.UTF_8), System.nanoTime());
                }
            }
        }
    }

    private static void await(Map<String, Long> arrivals, List<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        int missing = ids.size();
        while (missing > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(missing + " vectors did not arrive within " + timeout);
            }
            Thread.sleep(100); // arrival times are taken by the consumer thread, so polling here costs no accuracy
            missing = 0;
            for (String id : ids) {
                if (!arrivals.containsKey(id)) {
                    missing++;
                }
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("linger.ms", "0");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String id, String text) {
        producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8),
                DocumentEventCodec.write(DocumentEvent.text(id, text, Map.of()))));
    }
}
