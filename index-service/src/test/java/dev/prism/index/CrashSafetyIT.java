package dev.prism.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.KafkaTestClient;
import dev.prism.connectors.embedded.EmbeddedKafka;
import dev.prism.connectors.flink.VectorOrDelete;
import dev.prism.connectors.kafka.TopicAdmin;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.connectors.wire.VectorRecordCodec;
import dev.prism.index.store.IndexSchema;
import dev.prism.index.store.IndexStore;
import dev.prism.index.store.IndexStoreTest;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index service as a child JVM, killed with SIGKILL at 20 random points while it consumes 10,000 vector
 * records with updates and deletes; after the restarts the index equals the oracle exactly.
 */
class CrashSafetyIT {
    @TempDir
    Path dir;

    @Test
    void killDashNineAtTwentyRandomPointsConvergesToTheOracle() throws Exception {
        Random random = new Random(99);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            try (TopicAdmin admin = new TopicAdmin(kafka.bootstrapServers())) {
                admin.createTopic("prism.vectors", 3, Map.of("cleanup.policy", "compact"));
            }
            Map<String, Long> versions = new HashMap<>();
            Map<String, Long> oracle = new HashMap<>(); // id -> live version (absent = deleted or never seen)
            List<List<ProducerRecord<byte[], byte[]>>> chunks = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                List<ProducerRecord<byte[], byte[]>> chunk = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    String id = "doc" + random.nextInt(2500);
                    long version = versions.merge(id, 1L, Long::sum);
                    byte[] key = id.getBytes(StandardCharsets.UTF_8);
                    if (random.nextInt(8) == 0) {
                        RecordHeaders headers = new RecordHeaders();
                        headers.add(VectorOrDelete.VERSION_HEADER, Long.toString(version).getBytes(StandardCharsets.UTF_8));
                        headers.add(VectorOrDelete.OFFSET_HEADER, Long.toString(version).getBytes(StandardCharsets.UTF_8));
                        chunk.add(new ProducerRecord<>("prism.vectors", null, key, null, headers));
                        oracle.remove(id);
                    } else {
                        VectorRecord r = new VectorRecord(id, Modality.TEXT, "crash@1", IndexStoreTest.randomUnit(random, 32), Map.of("v", version),
                                List.of(), version, new SourceRef("prism.text", 0, version, null), null);
                        chunk.add(new ProducerRecord<>("prism.vectors", key, VectorRecordCodec.write(r)));
                        oracle.put(id, version);
                    }
                }
                chunks.add(chunk);
            }
            Path data = dir.resolve("service");
            for (int kill = 0; kill < 20; kill++) {
                KafkaTestClient.produce(kafka.bootstrapServers(), "prism.vectors", chunks.get(kill));
                Process child = startChild(kafka.bootstrapServers(), data);
                awaitPort(child);
                Thread.sleep(50 + random.nextInt(1200)); // somewhere while it consumes the new chunk
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                child.waitFor();
            }
            Process last = startChild(kafka.bootstrapServers(), data);
            int port = awaitPort(last);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline && http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                Thread.sleep(200);
            }
            last.destroy(); // SIGTERM: the shutdown hook commits
            assertThat(last.waitFor()).isIn(0, 143);

            Map<String, Long> live = new HashMap<>();
            try (FSDirectory directory = FSDirectory.open(data.resolve("index")); DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (var leaf : reader.leaves()) {
                    Bits liveDocs = leaf.reader().getLiveDocs();
                    for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                        if (liveDocs != null && !liveDocs.get(d)) {
                            continue;
                        }
                        var doc = reader.storedFields().document(leaf.docBase + d);
                        String id = doc.get(IndexSchema.ID);
                        if (IndexStore.lookup(searcher, id).live()) {
                            live.put(id, doc.getField(IndexSchema.VERSION).numericValue().longValue());
                        }
                    }
                }
                assertThat(IndexStore.readCommitData(directory).get(IndexStore.COMMIT_OFFSETS)).isNotBlank();
            }
            assertThat(live).as("live documents and versions after 20 kill -9").isEqualTo(oracle);
        }
    }

    private Process startChild(String bootstrap, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.prism.index.IndexServiceMain", "--data-dir", data.toString(), "--bootstrap", bootstrap, "--model", "none", "--dev",
                "--port", "0", "--commit-docs", "300", "--commit-interval-ms", "200");
        builder.redirectError(new File(dir.toFile(), "child-stderr.log"));
        return builder.start();
    }

    private static int awaitPort(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("{\"port\":")) {
            throw new AssertionError("child did not start: " + line);
        }
        return Integer.parseInt(line.replaceAll("\\D", ""));
    }
}
