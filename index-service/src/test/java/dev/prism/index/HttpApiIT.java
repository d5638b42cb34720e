package dev.prism.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.connectors.KafkaTestClient;
import dev.prism.connectors.embedded.EmbeddedKafka;
import dev.prism.connectors.kafka.TopicAdmin;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.connectors.wire.VectorRecordCodec;
import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.EncoderOptions;
import dev.prism.encoders.onnx.Device;
import dev.prism.index.http.ApiKeys;
import dev.prism.index.http.RequestLimits;
import dev.prism.index.store.IndexSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract tests of every endpoint, error path, limit and the auth matrix, against a real service. */
class HttpApiIT {
    static final String READ = "read-key-0123456789abcdef";
    static final String ADMIN = "admin-key-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final List<String> TEXTS = List.of("A steaming cup of green tea on a wooden table.", "Freshly brewed coffee with oat milk.",
            "The striker scored twice in the league final.", "Heavy rain and strong wind are expected tomorrow.",
            "Stocks fell sharply after the quarterly earnings report.", "The marathon runner crossed the finish line.");

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static IndexService service;
    static EmbeddingModel model;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        try (TopicAdmin admin = new TopicAdmin(kafka.bootstrapServers())) {
            admin.createTopic("prism.vectors", 2, Map.of("cleanup.policy", "compact"));
        }
        model = EmbeddingModels.shared("minilm", EncoderOptions.defaults());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            VectorRecord r = new VectorRecord("t" + i, Modality.TEXT, model.id(), model.requireText().encode(TEXTS.get(i)),
                    Map.of("n", (long) i, "lang", "en", "topic", i < 2 ? "drinks" : "other"),
                    List.of(new VectorRecord.Tag("topics@1", i < 2 ? "drinks" : "other", 0.9, 0.4)), 1,
                    new SourceRef("prism.text", 0, i, null), null, TEXTS.get(i));
            records.add(new ProducerRecord<>("prism.vectors", r.id().getBytes(StandardCharsets.UTF_8), VectorRecordCodec.write(r)));
        }
        VectorRecord image = new VectorRecord("img", Modality.IMAGE, model.id(), model.requireText().encode("a picture of a teapot"),
                Map.of(), List.of(), 1, new SourceRef("prism.images", 0, 0, null), png(4, 4), null);
        records.add(new ProducerRecord<>("prism.vectors", "img".getBytes(StandardCharsets.UTF_8), VectorRecordCodec.write(image)));
        KafkaTestClient.produce(kafka.bootstrapServers(), "prism.vectors", records);

        service = IndexService.start(new IndexServiceConfig(dir.resolve("index"), kafka.bootstrapServers(), "prism.vectors", null, "minilm",
                Device.CPU, "127.0.0.1", 0, ApiKeys.of(READ, ADMIN), false, IndexSettings.DEFAULT, RequestLimits.DEFAULT));
        base = "http://127.0.0.1:" + service.port();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && get("/readyz", null).statusCode() != 200) {
            Thread.sleep(100);
        }
        while (System.currentTimeMillis() < deadline && stats().path("documents").path("text").asLong() < TEXTS.size()) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        kafka.close();
    }

    static byte[] png(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }

    static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode stats() throws Exception {
        return JSON.readTree(get("/v1/stats", ADMIN).body());
    }

    static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    @Test
    void authMatrix() throws Exception {
        String search = "{\"text\": \"tea\"}";
        assertError(post("/v1/search", null, search), 401, "missing API key: send it in the X-API-Key header");
        assertError(post("/v1/search", "wrong-key-0123456789", search), 401, "invalid API key");
        assertThat(post("/v1/search", READ, search).statusCode()).isEqualTo(200);
        assertThat(post("/v1/search", ADMIN, search).statusCode()).isEqualTo(200);
        HttpResponse<String> bearer = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/v1/search"))
                .header("Authorization", "Bearer " + READ).POST(HttpRequest.BodyPublishers.ofString(search)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).isEqualTo(200);
        for (String admin : List.of("/v1/stats", "/metrics")) {
            assertError(get(admin, null), 401, "missing API key: send it in the X-API-Key header");
            assertError(get(admin, "nope-nope-nope-nope"), 401, "invalid API key");
            assertError(get(admin, READ), 403, "this endpoint needs an admin key");
            assertThat(get(admin, ADMIN).statusCode()).isEqualTo(200);
        }
        for (String read : List.of("/v1/docs/t0", "/v1/docs/img/thumbnail")) {
            assertError(get(read, null), 401, "missing API key: send it in the X-API-Key header");
            assertThat(get(read, READ).statusCode()).isEqualTo(200);
        }
        for (String open : List.of("/healthz", "/readyz", "/openapi.json")) {
            assertThat(get(open, null).statusCode()).as(open).isEqualTo(200);
        }
    }

    @Test
    void searchByTextVectorIdWithFiltersPaginationAndHybrid() throws Exception {
        JsonNode hits = JSON.readTree(post("/v1/search", READ, "{\"text\": \"hot drink\", \"k\": 2}").body()).get("hits");
        assertThat(hits).hasSize(2);
        assertThat(List.of(hits.get(0).get("id").asText(), hits.get(1).get("id").asText())).containsExactlyInAnyOrder("t0", "t1");
        assertThat(hits.get(0).get("text").asText()).isNotBlank();

        JsonNode filtered = JSON.readTree(post("/v1/search", READ,
                "{\"text\": \"hot drink\", \"filter\": {\"metadata\": {\"topic\": \"other\"}, \"range\": {\"n\": {\"gte\": 3}}, \"modality\": \"text\"}}")
                .body()).get("hits");
        assertThat(filtered).extracting(h -> h.get("id").asText()).containsExactlyInAnyOrder("t3", "t4", "t5");
        JsonNode tagged = JSON.readTree(post("/v1/search", READ, "{\"text\": \"x\", \"filter\": {\"tags\": [\"topics:drinks\"]}}").body()).get("hits");
        assertThat(tagged).extracting(h -> h.get("id").asText()).containsExactlyInAnyOrder("t0", "t1");

        JsonNode page = JSON.readTree(post("/v1/search", READ, "{\"text\": \"hot drink\", \"k\": 2, \"offset\": 1}").body()).get("hits");
        assertThat(page.get(0).get("id").asText()).isEqualTo(hits.get(1).get("id").asText());
        JsonNode strict = JSON.readTree(post("/v1/search", READ, "{\"text\": \"hot drink\", \"min_score\": 0.99}").body()).get("hits");
        assertThat(strict).isEmpty();

        JsonNode like = JSON.readTree(post("/v1/search", READ, "{\"id\": \"t0\", \"k\": 1, \"filter\": {\"modality\": \"text\"}}").body())
                .get("hits");
        assertThat(like.get(0).get("id").asText()).isEqualTo("t1"); // the other drink; t0 itself is excluded
        StringBuilder vector = new StringBuilder("[");
        for (float f : model.requireText().encode("rain and wind")) {
            vector.append(vector.length() > 1 ? "," : "").append(f);
        }
        JsonNode byVector = JSON.readTree(post("/v1/search", READ, "{\"vector\": " + vector + "], \"k\": 1}").body()).get("hits");
        assertThat(byVector.get(0).get("id").asText()).isEqualTo("t3");
        // the default model encodes images too (its emoji-style image tower): an image query is answered
        HttpResponse<String> byImage = post("/v1/search", READ, "{\"image\": \"" + Base64.getEncoder().encodeToString(png(4, 4)) + "\", \"k\": 3}");
        assertThat(byImage.statusCode()).as(byImage.body()).isEqualTo(200);
        assertThat(JSON.readTree(byImage.body()).get("hits")).hasSize(3);
        JsonNode hybrid = JSON.readTree(post("/v1/search", READ, "{\"text\": \"quarterly earnings\", \"hybrid\": true, \"k\": 1}").body())
                .get("hits");
        assertThat(hybrid.get(0).get("id").asText()).isEqualTo("t4");
        assertThat(hybrid.get(0).get("rrf").asDouble()).isGreaterThan(0);
    }

    @Test
    void classifyAndDocuments() throws Exception {
        JsonNode c = JSON.readTree(post("/v1/classify", READ,
                "{\"text\": \"It will rain all day\", \"labels\": [\"weather\", \"sports\", \"finance\"], \"templates\": [\"This text is about {}.\"]}")
                .body());
        assertThat(c.get("labels").get(0).get("label").asText()).isEqualTo("weather");
        assertThat(c.get("labels").get(0).has("probability")).isTrue();
        JsonNode byId = JSON.readTree(post("/v1/classify", READ, "{\"id\": \"t2\", \"labels\": [\"weather\", \"sports\"], \"mode\": \"multi\", \"threshold\": -1}")
                .body());
        assertThat(byId.get("labels").get(0).get("label").asText()).isEqualTo("sports");

        JsonNode doc = JSON.readTree(get("/v1/docs/t3?vector=true", READ).body());
        assertThat(doc.get("version").asLong()).isEqualTo(1);
        assertThat(doc.get("metadata").get("lang").asText()).isEqualTo("en");
        assertThat(doc.get("tags").get(0).get("label").asText()).isEqualTo("other");
        assertThat(doc.get("vector")).hasSize(384);
        assertThat(doc.get("source").get("topic").asText()).isEqualTo("prism.text");
        HttpResponse<byte[]> thumbnail = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/v1/docs/img/thumbnail"))
                .header("X-API-Key", READ).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(thumbnail.body()).isEqualTo(png(4, 4));
        assertError(get("/v1/docs/nope", READ), 404, "no document with id 'nope'");
        assertError(get("/v1/docs/t0/thumbnail", READ), 404, "document 't0' has no thumbnail");
        JsonNode s = stats();
        assertThat(s.get("documents").get("text").asLong()).isEqualTo(6);
        assertThat(s.get("documents").get("image").asLong()).isEqualTo(1);
        assertThat(s.get("model").asText()).isEqualTo(model.id());
        assertThat(s.get("lag").size()).isEqualTo(2);
        assertThat(get("/metrics", ADMIN).body()).contains("prism_index_records_total").contains("prism_index_documents");
        assertThat(JSON.readTree(get("/openapi.json", null).body()).get("paths").has("/v1/search")).isTrue();
    }

    @Test
    void everyBadRequestNamesTheBadValue() throws Exception {
        assertError(post("/v1/search", READ, "{\"text\": "), 400, "request body is not valid JSON: Unexpected end-of-input within/between Object entries");
        assertError(post("/v1/search", READ, "[1]"), 400, "request body must be a JSON object");
        assertError(post("/v1/search", READ, "{\"txt\": \"a\"}"), 400,
                "unknown field 'txt' in request; known fields: [filter, hybrid, id, image, include_vectors, k, min_score, num_candidates, offset, text, vector]");
        assertError(post("/v1/search", READ, "{}"), 400, "send exactly one of text, image, vector, id; got none");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"id\": \"b\"}"), 400, "send exactly one of text, image, vector, id; got text, id");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"k\": 0}"), 400, "k must be in [1, 1000], got 0");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"k\": 1001}"), 400, "k must be in [1, 1000], got 1001");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"k\": 50, \"num_candidates\": 20}"), 400,
                "num_candidates must be in [k, 10000] (k = 50), got 20");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"num_candidates\": 10001}"), 400,
                "num_candidates must be in [k, 10000] (k = 10), got 10001");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"offset\": -1}"), 400, "offset must be in [0, 10000], got -1");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"min_score\": 2}"), 400, "min_score must be in [-1, 1] (cosine), got 2.0");
        assertError(post("/v1/search", READ, "{\"vector\": [1, 2]}"), 400, "vector must have 384 dimensions, got 2");
        assertError(post("/v1/search", READ, "{\"vector\": [1, \"x\"]}"), 400, "vector[1] must be a finite number, got \"x\"");
        assertError(post("/v1/search", READ, "{\"id\": \"missing\"}"), 404, "no document with id 'missing'");
        assertError(post("/v1/search", READ, "{\"vector\": [1], \"hybrid\": true}"), 400, "hybrid search needs a 'text' query");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"filter\": {\"modality\": \"audio\"}}"), 400,
                "filter.modality must be 'text' or 'image', got 'audio'");
        assertError(post("/v1/search", READ, "{\"text\": \"a\", \"filter\": {\"range\": {\"n\": {\"gte\": \"x\"}}}}"), 400,
                "filter.range.n.gte must be a number, got \"x\"");
        assertError(post("/v1/search", READ, "{\"image\": \"%%%\"}"), 400, "image is not valid base64: Illegal base64 character 25");
        assertError(post("/v1/search", READ, "{\"image\": \"" + Base64.getEncoder().encodeToString("hello".getBytes()) + "\"}"), 400,
                "unsupported image format: the first bytes (68 65 6c 6c 6f) match none of JPEG, PNG, GIF, BMP, WebP");
        assertError(post("/v1/classify", READ, "{\"text\": \"a\", \"labels\": [\"x\"], \"mode\": \"both\"}"), 400,
                "mode must be 'single' or 'multi', got 'both'");
        assertError(post("/v1/classify", READ, "{\"text\": \"a\", \"labels\": []}"), 400, "labels must not be empty");
        assertError(post("/v1/classify", READ, "{\"text\": \"a\", \"labels\": [\"x\"], \"templates\": [\"no placeholder\"]}"), 400,
                "template must contain '{}', got 'no placeholder'");
        assertError(get("/v1/nothing", READ), 404, "Endpoint GET /v1/nothing not found");
    }

    @Test
    void everyLimitIsAnsweredQuicklyAndTheServerStaysHealthy() throws Exception {
        StringBuilder labels = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            labels.append(i == 0 ? "" : ",").append("\"l").append(i).append('"');
        }
        byte[] huge = new byte[21_000_000];
        huge[0] = (byte) 0xff;
        huge[1] = (byte) 0xd8;
        huge[2] = (byte) 0xff;
        record Limit(String path, String body, int status, String message) {}
        List<Limit> limits = List.of(
                new Limit("/v1/classify", "{\"text\": \"a\", \"labels\": " + labels + "]}", 400, "labels must have at most 1000 entries, got 1001"),
                new Limit("/v1/search", "{\"text\": \"" + "w".repeat(10_001) + "\"}", 413, "text has 10001 characters, over the limit of 10000"),
                new Limit("/v1/search", "{\"text\": \"a\", \"k\": 5000}", 400, "k must be in [1, 1000], got 5000"),
                new Limit("/v1/search", "{\"text\": \"a\", \"num_candidates\": 20000}", 400, "num_candidates must be in [k, 10000] (k = 10), got 20000"),
                new Limit("/v1/search", "{\"image\": \"" + Base64.getEncoder().encodeToString(huge) + "\"}", 413,
                        "image is about 21000000 bytes, over the limit of 20000000 bytes"),
                new Limit("/v1/search", "{\"image\": \"" + Base64.getEncoder().encodeToString(hugePngHeader()) + "\"}", 413,
                        "image is 50000x50000 = 2500000000 pixels, over the limit of 40000000 pixels"),
                new Limit("/v1/search", "{\"text\": \"" + "x".repeat(31_000_000) + "\"}", 413,
                        "request body is 31000012 bytes, over the limit of 30000000 bytes"));
        for (Limit limit : limits) {
            long start = System.nanoTime();
            HttpResponse<String> response = post(limit.path(), READ, limit.body());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertError(response, limit.status(), limit.message());
            if (limit.body().length() < 1_000_000) {
                assertThat(millis).as("time to refuse: " + limit.message()).isLessThan(100);
            }
            assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void multipartUploadIsCheckedLikeAJsonImage() throws Exception {
        String boundary = "prism-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n\r\n{\"k\": 3}\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(hugePngHeader());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/v1/search"))
                .header("X-API-Key", READ).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertError(response, 413, "image is 50000x50000 = 2500000000 pixels, over the limit of 40000000 pixels");
    }

    /** A PNG whose header (valid CRC) declares 50,000 × 50,000 pixels. */
    static byte[] hugePngHeader() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(50_000).putInt(50_000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
