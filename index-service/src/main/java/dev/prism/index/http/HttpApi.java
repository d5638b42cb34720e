package dev.prism.index.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.encoders.InvalidInputException;
import dev.prism.encoders.image.ImageTooLargeException;
import dev.prism.encoders.zeroshot.LabelScore;
import dev.prism.encoders.zeroshot.ZeroShotClassifier;
import dev.prism.index.materialize.VectorLogConsumer;
import dev.prism.index.query.Hit;
import dev.prism.index.query.NotFoundException;
import dev.prism.index.query.QueryEngine;
import dev.prism.index.query.SearchRequest;
import dev.prism.index.store.IndexSettings;
import dev.prism.index.store.IndexStore;
import dev.prism.index.store.StoredDoc;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.search.IndexSearcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API (Javalin on Jetty, Jackson). Roles per route; keys in {@code X-API-Key} or
 * {@code Authorization: Bearer}. Every error is JSON {@code {"error": {"status", "message"}}}.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // the body limit (30 MB) is the string limit: a base64 image is one long string, checked by our own limits
        JSON.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxStringLength(64 * 1024 * 1024).build());
    }
    private static final String HANDLED = "prism.handled";

    private final IndexStore store;
    private final QueryEngine engine;
    private final VectorLogConsumer consumer;
    private final ApiKeys keys;
    private final RequestLimits limits;
    private final IndexSettings settings;
    private final PrometheusMeterRegistry registry;
    private final Javalin app;

    public HttpApi(IndexStore store, QueryEngine engine, VectorLogConsumer consumer, ApiKeys keys, RequestLimits limits,
                   IndexSettings settings, PrometheusMeterRegistry registry) {
        this.store = store;
        this.engine = engine;
        this.consumer = consumer;
        this.keys = keys;
        this.limits = limits;
        this.settings = settings;
        this.registry = registry;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.jetty.multipartConfig.maxFileSize(limits.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(limits.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
        });
        routes();
    }

    public HttpApi start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    private void routes() {
        app.before(ctx -> {
            ctx.attribute("prism.start", System.nanoTime());
            String length = ctx.header("Content-Length");
            if (length != null && Long.parseLong(length) > limits.maxBodyBytes()) {
                throw ApiException.tooLarge("request body is " + length + " bytes, over the limit of " + limits.maxBodyBytes() + " bytes");
            }
        });
        app.beforeMatched(this::authorize);
        app.after(ctx -> {
            Long start = ctx.attribute("prism.start");
            if (start != null && ctx.endpointHandlerPath() != null) {
                Timer.builder("prism_http_requests").tag("route", ctx.endpointHandlerPath()).tag("status", String.valueOf(ctx.statusCode()))
                        .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        });

        app.get("/healthz", this::health, Role.PUBLIC);
        app.get("/readyz", this::ready, Role.PUBLIC);
        app.get("/openapi.json", this::openApi, Role.PUBLIC);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(registry.scrape()), Role.ADMIN);
        app.post("/v1/search", this::search, Role.READ);
        app.post("/v1/classify", this::classify, Role.READ);
        app.get("/v1/docs/{id}", this::document, Role.READ);
        app.get("/v1/docs/{id}/thumbnail", this::thumbnail, Role.READ);
        app.get("/v1/stats", this::stats, Role.ADMIN);

        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        app.exception(ImageTooLargeException.class, (e, ctx) -> error(ctx, 413, e.getMessage()));
        app.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 413 ? "request body is over the limit of " + limits.maxBodyBytes() + " bytes" : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        });
        app.error(404, ctx -> {
            if (ctx.attribute(HANDLED) == null) {
                error(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> {
            if (ctx.attribute(HANDLED) == null) {
                error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    private void authorize(Context ctx) {
        if (ctx.routeRoles().contains(Role.PUBLIC) || keys == null) {
            return; // public route, or dev mode
        }
        String presented = ctx.header("X-API-Key");
        String authorization = ctx.header("Authorization");
        if (presented == null && authorization != null && authorization.startsWith("Bearer ")) {
            presented = authorization.substring(7).strip();
        }
        if (presented == null) {
            throw new ApiException(401, "missing API key: send it in the X-API-Key header");
        }
        Role role = keys.roleOf(presented);
        if (role == null) {
            throw new ApiException(401, "invalid API key");
        }
        if (ctx.routeRoles().contains(Role.ADMIN) && role != Role.ADMIN) {
            throw new ApiException(403, "this endpoint needs an admin key");
        }
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("status", status).put("message", message);
        ctx.attribute(HANDLED, true);
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.contentType("application/json").result(body.toString());
    }

    private void health(Context ctx) {
        Throwable failure = consumer == null ? null : consumer.failure();
        ObjectNode body = JSON.createObjectNode();
        if (failure != null) {
            body.put("status", "failing").put("reason", "vector log consumer stopped: " + failure);
            ctx.status(503);
        } else {
            body.put("status", "ok");
        }
        json(ctx, body);
    }

    private void ready(Context ctx) {
        boolean ready = consumer == null || consumer.caughtUp();
        ObjectNode body = JSON.createObjectNode().put("ready", ready);
        if (consumer != null) {
            ObjectNode lag = body.putObject("lag");
            consumer.lag().forEach((p, l) -> lag.put(String.valueOf(p), l));
        }
        ctx.status(ready ? 200 : 503);
        json(ctx, body);
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.json")) {
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }

    private JsonNode body(Context ctx) {
        String part = ctx.isMultipartFormData() ? ctx.formParam("request") : ctx.body();
        if (part == null || part.isBlank()) {
            if (ctx.isMultipartFormData()) {
                return JSON.createObjectNode();
            }
            throw ApiException.badRequest("request body must be a JSON object");
        }
        try {
            return JSON.readTree(part);
        } catch (IOException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private byte[] upload(Context ctx) throws IOException {
        if (!ctx.isMultipartFormData()) {
            return null;
        }
        UploadedFile file = ctx.uploadedFile("image");
        if (file == null) {
            return null;
        }
        if (file.size() > limits.maxImageBytes()) {
            throw ApiException.tooLarge("image is " + file.size() + " bytes, over the limit of " + limits.maxImageBytes() + " bytes");
        }
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        }
    }

    private void search(Context ctx) throws IOException {
        long start = System.nanoTime();
        SearchRequest request = Requests.search(body(ctx), upload(ctx), limits);
        List<Hit> hits = engine.search(request);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode array = out.putArray("hits");
        for (Hit hit : hits) {
            ObjectNode h = array.addObject();
            h.put("id", hit.id()).put("score", hit.cosine());
            if (hit.rrf() != null) {
                h.put("rrf", hit.rrf());
            }
            describe(h, hit.doc());
        }
        out.put("model", store.model());
        out.put("took_ms", (System.nanoTime() - start) / 1_000_000);
        json(ctx, out);
    }

    private void classify(Context ctx) throws IOException {
        List<String> templates = engine.model() != null ? engine.model().manifest().templates() : List.of("{}");
        Requests.Classify request = Requests.classify(body(ctx), upload(ctx), limits, templates);
        if (engine.model() == null) {
            throw ApiException.badRequest("this index service runs without a query model: classification needs one");
        }
        ZeroShotClassifier classifier = classifier();
        float[] vector;
        Requests.Input input = request.input();
        if (input.id() != null) {
            StoredDoc doc = store.get(input.id(), true);
            if (doc == null) {
                throw new NotFoundException("no document with id '" + input.id() + "'");
            }
            vector = doc.vector();
        } else if (input.text() != null) {
            vector = engine.model().requireText().encode(input.text());
        } else {
            if (engine.model().image().isEmpty()) {
                throw ApiException.badRequest("model " + engine.model().id() + " cannot encode images");
            }
            vector = engine.model().requireImage().encode(input.image());
        }
        List<LabelScore> scores = classifier.classify(vector, request.query());
        ObjectNode out = JSON.createObjectNode().put("model", engine.model().id()).put("mode", request.query().mode().name().toLowerCase());
        ArrayNode labels = out.putArray("labels");
        for (LabelScore s : scores) {
            labels.addObject().put("label", s.label()).put("probability", s.probability()).put("cosine", s.cosine());
        }
        json(ctx, out);
    }

    private volatile ZeroShotClassifier classifier;

    private ZeroShotClassifier classifier() {
        if (classifier == null) {
            classifier = new ZeroShotClassifier(engine.model());
        }
        return classifier;
    }

    private void document(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        boolean withVector = "true".equals(ctx.queryParam("vector"));
        StoredDoc doc = store.get(id, withVector);
        if (doc == null) {
            throw new NotFoundException("no document with id '" + id + "'");
        }
        ObjectNode out = JSON.createObjectNode().put("id", doc.id());
        describe(out, doc);
        json(ctx, out);
    }

    private void describe(ObjectNode out, StoredDoc doc) {
        out.put("version", doc.version()).put("modality", doc.modality()).put("model", doc.model());
        out.set("metadata", doc.metadata());
        out.set("tags", doc.tags());
        if (doc.text() != null) {
            out.put("text", doc.text());
        }
        out.put("has_thumbnail", doc.thumbnail() != null);
        if (doc.source() != null) {
            out.set("source", doc.source());
        }
        if (doc.vector() != null) {
            ArrayNode v = out.putArray("vector");
            for (float f : doc.vector()) {
                v.add(f);
            }
        }
    }

    private void thumbnail(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        StoredDoc doc = store.get(id, false);
        if (doc == null) {
            throw new NotFoundException("no document with id '" + id + "'");
        }
        if (doc.thumbnail() == null) {
            throw new NotFoundException("document '" + id + "' has no thumbnail");
        }
        ctx.contentType("image/jpeg").result(doc.thumbnail());
    }

    private void stats(Context ctx) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put("model", store.model()).put("dimension", store.dimension());
        ObjectNode docs = out.putObject("documents");
        engine.countsByModality().forEach(docs::put);
        if (consumer != null) {
            ObjectNode lag = out.putObject("lag");
            consumer.lag().forEach((p, l) -> lag.put(String.valueOf(p), l));
            out.put("caught_up", consumer.caughtUp());
        }
        IndexSearcher searcher = store.searcher();
        try {
            out.put("segments", searcher.getIndexReader().leaves().size());
            out.put("max_doc", searcher.getIndexReader().maxDoc());
        } finally {
            store.searchers().release(searcher);
        }
        ObjectNode commit = out.putObject("last_commit");
        Map<String, String> data = store.lastCommitData();
        commit.put("offsets", data.getOrDefault(IndexStore.COMMIT_OFFSETS, ""));
        if (data.containsKey(IndexStore.COMMIT_TIME)) {
            commit.put("time", Long.parseLong(data.get(IndexStore.COMMIT_TIME)));
        }
        out.putObject("index").put("hnsw_m", settings.hnswM()).put("beam_width", settings.beamWidth()).put("int8", settings.int8());
        json(ctx, out);
    }
}
