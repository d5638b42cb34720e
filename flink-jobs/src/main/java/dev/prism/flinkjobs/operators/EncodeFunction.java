package dev.prism.flinkjobs.operators;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.encoders.InvalidInputException;
import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.ImageEncoder;
import dev.prism.encoders.image.Thumbnails;
import dev.prism.flinkjobs.config.IngestJobConfig;
import dev.prism.flinkjobs.config.IngestJobOptions;
import dev.prism.flinkjobs.pipeline.PipelineDoc;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Stage 3 (Flink async I/O, ordered): encodes documents through the JVM-wide dynamic batcher of the model.
 * Text is tokenised on the task thread; images are decoded on a shared preprocessing pool. A document that
 * fails for its own reason ({@link InvalidInputException}: undecodable image, unfetchable URI, a modality
 * the model cannot encode) becomes a FAILED document carrying a dead letter with stage {@code encode} or
 * {@code fetch}; any other failure, and a timeout, fails the task (infrastructure faults restart the job,
 * they never dead-letter good records).
 */
public final class EncodeFunction extends RichAsyncFunction<PipelineDoc, PipelineDoc> {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static volatile ExecutorService preprocessPool;

    private final IngestJobConfig config;
    private transient EmbeddingModel model;
    private transient Histogram latencyMillis;
    private transient Histogram batchSizes;
    private transient LongConsumer batchListener;
    private transient Counter encodeDeadLetters;
    private transient Counter fetchDeadLetters;
    private transient Counter encoded;

    public EncodeFunction(IngestJobConfig config) {
        this.config = config;
    }

    private static ExecutorService pool() {
        if (preprocessPool == null) {
            synchronized (EncodeFunction.class) {
                if (preprocessPool == null) {
                    preprocessPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
                        Thread t = new Thread(r, "prism-preprocess-" + THREADS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
            }
        }
        return preprocessPool;
    }

    @Override
    public void open(OpenContext context) {
        model = EmbeddingModels.shared(config.get(IngestJobOptions.MODEL), config.encoderOptions());
        var group = getRuntimeContext().getMetricGroup().addGroup("prism");
        latencyMillis = group.histogram("encodeLatencyMs", new DescriptiveStatisticsHistogram(1000));
        batchSizes = group.histogram("encodeBatchSize", new DescriptiveStatisticsHistogram(1000));
        batchListener = batchSizes::update;
        model.text().ifPresent(t -> t.batcher().addBatchListener(batchListener));
        model.image().ifPresent(i -> i.batcher().addBatchListener(batchListener));
        encodeDeadLetters = group.addGroup("dlq").counter("encode");
        fetchDeadLetters = group.addGroup("dlq").counter("fetch");
        encoded = group.counter("encoded");
    }

    @Override
    public void close() {
        if (model != null) {
            model.text().ifPresent(t -> t.batcher().removeBatchListener(batchListener));
            model.image().ifPresent(i -> i.batcher().removeBatchListener(batchListener));
        }
    }

    @Override
    public void asyncInvoke(PipelineDoc doc, ResultFuture<PipelineDoc> result) {
        if (doc.action() != PipelineDoc.Action.ENCODE) {
            result.complete(List.of(doc));
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<PipelineDoc> future;
        try {
            future = doc.modality() == Modality.TEXT ? encodeText(doc) : encodeImage(doc);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((done, error) -> {
            if (error == null) {
                latencyMillis.update((System.nanoTime() - start) / 1_000_000);
                encoded.inc();
                result.complete(List.of(done));
                return;
            }
            Throwable cause = unwrap(error);
            if (cause instanceof InvalidInputException) {
                boolean fetch = doc.imageUri() != null && cause.getMessage() != null && cause.getMessage().startsWith("image.uri");
                (fetch ? fetchDeadLetters : encodeDeadLetters).inc();
                result.complete(List.of(doc.failed(deadLetter(doc, fetch ? "fetch" : DeadLetter.STAGE_ENCODE, cause))));
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    private CompletableFuture<PipelineDoc> encodeText(PipelineDoc doc) {
        if (model.text().isEmpty()) {
            throw new InvalidInputException("model " + model.id() + " cannot encode text");
        }
        return model.text().get().encodeAsync(doc.text()).thenApply(v -> doc.encoded(v, null, model.id()));
    }

    private CompletableFuture<PipelineDoc> encodeImage(PipelineDoc doc) {
        if (model.image().isEmpty()) {
            throw new InvalidInputException("model " + model.id() + " cannot encode images");
        }
        ImageEncoder images = model.image().get();
        CompletableFuture<byte[]> bytes = doc.image() != null ? CompletableFuture.completedFuture(doc.image())
                : ImageFetcher.fetch(doc.imageUri(), images.decoder().limits().maxBytes());
        int side = config.get(IngestJobOptions.THUMBNAIL_MAX_SIDE);
        int maxBytes = config.get(IngestJobOptions.THUMBNAIL_MAX_BYTES);
        return bytes.thenApplyAsync(images::prepare, pool()).thenCompose(prepared -> {
            byte[] thumbnail = Thumbnails.jpeg(prepared.image(), side, maxBytes);
            return images.submitPixels(prepared.pixels()).thenApply(v -> doc.encoded(v, thumbnail, model.id()));
        });
    }

    private DeadLetter deadLetter(PipelineDoc doc, String stage, Throwable cause) {
        byte[] payload = doc.text() != null ? doc.text().getBytes(StandardCharsets.UTF_8)
                : doc.image() != null ? doc.image() : doc.imageUri().getBytes(StandardCharsets.UTF_8);
        SourceRef source = new SourceRef(doc.source().topic(), doc.source().partition(), doc.source().offset(), doc.id());
        return DeadLetter.of(stage, cause, source, payload, config.get(IngestJobOptions.DLQ_MAX_PAYLOAD), System.currentTimeMillis());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void timeout(PipelineDoc doc, ResultFuture<PipelineDoc> result) {
        result.completeExceptionally(new TimeoutException("encoding document '" + doc.id() + "' took longer than "
                + config.asyncTimeout() + "; the encoder is stalled (infrastructure fault, the job restarts)"));
    }
}
