package dev.prism.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.cli.Json;
import dev.prism.cli.local.LocalPipeline;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.kafka.TopicReader;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.DeadLetterCodec;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.DocumentEventCodec;
import dev.prism.connectors.wire.LabelSetCodec;
import dev.prism.connectors.wire.LabelSetRecord;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.VectorRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code prism demo}: the pipeline on embedded defaults, in one process — a real Kafka broker, the
 * IngestJob on a local Flink MiniCluster with the built-in MiniLM model, a label set for zero-shot tags,
 * documents with an update, a delete and a malformed record, and the index service over the vector log;
 * it prints the vector log with tags, the dead letter, and searches and a classification over HTTP.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the pipeline on embedded defaults: Kafka + IngestJob (local Flink) + MiniLM + index service; tags, search, classify.")
public final class DemoCommand implements Callable<Integer> {
    private static final List<String> DOCUMENTS = List.of(
            "A steaming cup of green tea on a wooden table.",
            "The striker scored twice in the league final.",
            "Stocks fell sharply after the quarterly earnings report.",
            "Heavy rain and strong wind are expected tomorrow.",
            "Freshly brewed coffee with oat milk.",
            "The marathon runner crossed the finish line in record time.",
            "Central banks raised interest rates again.",
            "Snow storms will close the mountain roads tonight.");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Option(names = "--timeout", defaultValue = "180", description = "Seconds to wait for the vectors. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        System.out.println("Prism demo: embedded Kafka + IngestJob on a local Flink MiniCluster + built-in MiniLM\n");
        PrismTopics topics = PrismTopics.DEFAULT;
        try (LocalPipeline pipeline = LocalPipeline.start("minilm", 2, Map.of())) {
            System.out.println("kafka      " + pipeline.bootstrap() + " (topics: " + String.join(", ", topics.all()) + ")");
            try (KafkaProducer<byte[], byte[]> producer = producer(pipeline.bootstrap())) {
                LabelSetRecord labels = new LabelSetRecord("topics", 1, List.of("drinks", "sports", "finance", "weather"),
                        List.of("This text is about {}."), "single", null, Map.of(), Set.of(Modality.TEXT));
                producer.send(record(topics.labelSets(), "topics", LabelSetCodec.write(labels))).get();
                pipeline.startJob();
                System.out.println("job        IngestJob started (parallelism 2); label set topics@1 published");
                for (int i = 0; i < DOCUMENTS.size(); i++) {
                    send(producer, topics.text(), DocumentEvent.text("doc-" + i, DOCUMENTS.get(i), Map.of("n", (long) i)));
                }
                send(producer, topics.text(), DocumentEvent.text("doc-1", "The goalkeeper saved a penalty in the cup final.",
                        Map.of("n", 1L, "edited", true)));
                send(producer, topics.text(), DocumentEvent.delete("doc-2"));
                producer.send(record(topics.text(), "broken", "{\"v\":1,\"id\":\"broken\"}".getBytes(StandardCharsets.UTF_8))).get();
                System.out.println("ingest     8 documents, 1 update (doc-1), 1 delete (doc-2), 1 malformed record\n");
            }
            Map<String, VectorRecord> view = awaitView(pipeline.bootstrap(), topics.vectors());
            System.out.println("prism.vectors (compacted view: latest version per id, deletes gone):");
            view.values().stream().sorted(Comparator.comparing(VectorRecord::id)).forEach(r -> {
                VectorRecord.Tag tag = r.tags().isEmpty() ? null : r.tags().get(0);
                System.out.printf("  %-6s v=%-14d %d-d  tag %-8s p=%.2f  %s%n", r.id(), r.version(), r.dim(),
                        tag == null ? "-" : tag.label(), tag == null ? 0 : tag.probability(),
                        r.metadata().containsKey("edited") ? "(updated)" : "");
            });
            List<DeadLetter> letters = TopicReader.readAll(pipeline.bootstrap(), topics.dlq(), Duration.ofSeconds(30)).stream()
                    .map(r -> DeadLetterCodec.read(r.value())).toList();
            System.out.println("\nprism.dlq:");
            letters.forEach(l -> System.out.printf("  %s/%d@%d key=%s stage=%s: %s%n", l.source().topic(), l.source().partition(),
                    l.source().offset(), l.source().key(), l.stage(), l.errorMessage()));

            String url = pipeline.startIndex("minilm");
            awaitIndex(url, DOCUMENTS.size() - 1);
            System.out.println("\nindex service " + url + " (Lucene HNSW materialised from prism.vectors; dev mode, no API key)");
            for (String body : List.of("{\"text\": \"hot drink\", \"k\": 2}", "{\"text\": \"football\", \"k\": 2}",
                    "{\"text\": \"bad weather\", \"k\": 2, \"filter\": {\"tags\": [\"topics:weather\"]}}",
                    "{\"text\": \"interest rates\", \"k\": 2, \"hybrid\": true}")) {
                JsonNode hits = post(url + "/v1/search", body).get("hits");
                System.out.printf("%nPOST /v1/search %s%n", body);
                for (JsonNode hit : hits) {
                    System.out.printf("  %.3f  %-6s %s%n", hit.get("score").asDouble(), hit.get("id").asText(), hit.path("text").asText());
                }
            }
            String classify = "{\"text\": \"The goalkeeper saved a penalty\", \"labels\": [\"sports\", \"finance\", \"weather\"], "
                    + "\"templates\": [\"This text is about {}.\"]}";
            JsonNode labels = post(url + "/v1/classify", classify).get("labels");
            System.out.printf("%nPOST /v1/classify -> %s (p=%.2f)%n", labels.get(0).get("label").asText(), labels.get(0).get("probability").asDouble());
        }
        return 0;
    }

    private Map<String, VectorRecord> awaitView(String bootstrap, String topic) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        Map<String, VectorRecord> view = TopicReader.vectorView(bootstrap, topic, Duration.ofSeconds(30));
        while (!(view.size() == DOCUMENTS.size() - 1 && !view.containsKey("doc-2") && view.containsKey("doc-1")
                && view.get("doc-1").metadata().containsKey("edited"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the pipeline did not produce the expected vectors within " + timeoutSeconds + " s");
            }
            Thread.sleep(500);
            view = TopicReader.vectorView(bootstrap, topic, Duration.ofSeconds(30));
        }
        return view;
    }

    private void awaitIndex(String url, int documents) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        while (true) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode hits = post(url + "/v1/search", "{\"vector\": " + zeros() + ", \"k\": 100}").get("hits");
            if (ready.statusCode() == 200 && hits.size() == documents) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the index service did not catch up within " + timeoutSeconds + " s");
            }
            Thread.sleep(200);
        }
    }

    private static String zeros() {
        StringBuilder s = new StringBuilder("[1");
        for (int i = 1; i < 384; i++) {
            s.append(",0");
        }
        return s.append(']').toString();
    }

    private static JsonNode post(String url, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, DocumentEvent event) throws Exception {
        producer.send(record(topic, event.id(), event.isDelete() ? null : DocumentEventCodec.write(event))).get();
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
