package dev.prism.index;

import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.EncoderOptions;
import dev.prism.encoders.image.ImageLimits;
import dev.prism.index.http.HttpApi;
import dev.prism.index.materialize.VectorLogConsumer;
import dev.prism.index.query.QueryEngine;
import dev.prism.index.store.IndexStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index service: the Lucene store, the vector-log consumer that feeds it, the query model, and the
 * HTTP API. Start with {@link #start}; {@link #close} stops serving, commits and closes the index.
 */
public final class IndexService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);

    private final IndexStore store;
    private final VectorLogConsumer consumer;
    private final HttpApi http;
    private final EmbeddingModel model;

    private IndexService(IndexStore store, VectorLogConsumer consumer, HttpApi http, EmbeddingModel model) {
        this.store = store;
        this.consumer = consumer;
        this.http = http;
        this.model = model;
    }

    public static IndexService start(IndexServiceConfig config) throws IOException {
        EmbeddingModel model = null;
        if (config.model() != null) {
            ImageLimits imageLimits = new ImageLimits(config.limits().maxImageBytes(), config.limits().maxImagePixels());
            model = EmbeddingModels.load(config.model(), EncoderOptions.defaults().withDevice(config.device(), false)
                    .withImageLimits(imageLimits));
        }
        Files.createDirectories(config.dataDir());
        IndexStore store = new IndexStore(config.dataDir().resolve("index"), config.index());
        if (model != null) {
            store.expectModel(model.id(), model.dimension());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VectorLogConsumer consumer = new VectorLogConsumer(store, config.bootstrap(), config.topic(), config.partitions(), config.index(),
                registry);
        QueryEngine engine = new QueryEngine(store, model);
        for (String modality : new String[] {"text", "image"}) {
            Gauge.builder("prism_index_documents", engine, e -> {
                try {
                    return e.countsByModality().get(modality);
                } catch (IOException ex) {
                    return Double.NaN;
                }
            }).tag("modality", modality).register(registry);
        }
        consumer.start();
        HttpApi http = new HttpApi(store, engine, consumer, config.apiKeys(), config.limits(), config.index(), registry)
                .start(config.host(), config.port());
        LOG.info("index service on http://{}:{} ({}; model {}; data {})", config.host(), http.port(),
                config.dev() ? "DEV MODE: no authentication" : "API keys required", model == null ? "none" : model.id(), config.dataDir());
        return new IndexService(store, consumer, http, model);
    }

    public int port() {
        return http.port();
    }

    public IndexStore store() {
        return store;
    }

    public VectorLogConsumer consumer() {
        return consumer;
    }

    @Override
    public void close() throws IOException {
        http.stop();
        consumer.close(); // commits what it consumed
        store.close();
        if (model != null) {
            model.close();
        }
    }
}
