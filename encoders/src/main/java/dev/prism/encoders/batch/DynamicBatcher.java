package dev.prism.encoders.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects items from many threads into batches for one model call. One worker thread per batcher runs
 * the batch function, so a model session sees one batch at a time and uses all its intra-op threads.
 *
 * <p>Failures: a batch that fails with an out-of-memory error is split in halves and each half retried
 * (down to single items); any other failure fails the futures of that batch with the cause. Items that
 * are bad on their own (undecodable images) never reach the batcher: the encoders fail them while
 * preprocessing, on the caller's thread, so one bad item only fails its own future.
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicBatcher.class);

    /** The model call: one output per input, in order. */
    @FunctionalInterface
    public interface BatchFunction<I, O> {
        List<O> apply(List<I> items) throws Exception;
    }

    private record Pending<I, O>(I item, CompletableFuture<O> future, long enqueuedNanos) {}

    private final String name;
    private final BatcherConfig config;
    private final BatchFunction<I, O> function;
    private final Semaphore inFlight;
    private final BlockingQueue<Pending<I, O>> queue;
    private final Thread worker;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong failedItems = new AtomicLong();
    private final AtomicLong splits = new AtomicLong();
    private final AtomicLong maxBatchSeen = new AtomicLong();
    private final List<LongConsumer> batchSizeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public DynamicBatcher(String name, BatcherConfig config, BatchFunction<I, O> function) {
        this.name = name;
        this.config = config;
        this.function = function;
        this.inFlight = new Semaphore(config.maxInFlight(), true);
        this.queue = new ArrayBlockingQueue<>(config.maxInFlight());
        this.worker = new Thread(this::runLoop, "prism-batcher-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Called with the size of every batch the model runs (for metrics); remove it with {@link #removeBatchListener}. */
    public void addBatchListener(LongConsumer listener) {
        batchSizeListeners.add(listener);
    }

    public void removeBatchListener(LongConsumer listener) {
        batchSizeListeners.remove(listener);
    }

    /** Queues an item, blocking while {@code maxInFlight} items are already queued or running. */
    public CompletableFuture<O> submit(I item) throws InterruptedException {
        ensureOpen();
        inFlight.acquire();
        return enqueue(item);
    }

    /** Queues an item, waiting at most {@code timeout} for room. */
    public CompletableFuture<O> submit(I item, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        ensureOpen();
        if (!inFlight.tryAcquire(timeout, unit)) {
            throw new TimeoutException("batcher " + name + " is full (" + config.maxInFlight() + " items in flight)");
        }
        return enqueue(item);
    }

    private CompletableFuture<O> enqueue(I item) {
        CompletableFuture<O> future = new CompletableFuture<>();
        future.whenComplete((value, error) -> inFlight.release());
        if (!queue.offer(new Pending<>(item, future, System.nanoTime()))) {
            // cannot happen: the semaphore admits at most as many items as the queue holds
            future.completeExceptionally(new IllegalStateException("batcher " + name + " queue full"));
        }
        if (closed) {
            failQueued();
        }
        return future;
    }

    public BatchStats stats() {
        return new BatchStats(batches.get(), items.get(), failedItems.get(), splits.get(), maxBatchSeen.get());
    }

    public BatcherConfig config() {
        return config;
    }

    private void runLoop() {
        List<Pending<I, O>> batch = new ArrayList<>(config.maxBatchSize());
        while (!closed) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = first.enqueuedNanos() + config.maxDelay().toNanos();
                while (batch.size() < config.maxBatchSize()) {
                    long wait = deadline - System.nanoTime();
                    Pending<I, O> next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Throwable t) {
                // run() completes every future itself; reaching here is a bug, so fail loudly but keep serving
                LOG.error("batcher {} worker error", name, t);
                batch.forEach(p -> p.future().completeExceptionally(t));
            } finally {
                batch.clear();
            }
        }
        failQueued();
    }

    private void run(List<Pending<I, O>> batch) {
        List<I> inputs = new ArrayList<>(batch.size());
        batch.forEach(p -> inputs.add(p.item()));
        try {
            List<O> outputs = function.apply(inputs);
            if (outputs.size() != batch.size()) {
                throw new IllegalStateException("batch function returned " + outputs.size() + " results for " + batch.size() + " items");
            }
            batches.incrementAndGet();
            items.addAndGet(batch.size());
            maxBatchSeen.accumulateAndGet(batch.size(), Math::max);
            for (LongConsumer listener : batchSizeListeners) {
                listener.accept(batch.size());
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).future().complete(outputs.get(i));
            }
        } catch (Throwable t) {
            if (batch.size() > 1 && isOutOfMemory(t)) {
                splits.incrementAndGet();
                LOG.warn("batcher {}: batch of {} ran out of memory; retrying as two halves", name, batch.size());
                int half = batch.size() / 2;
                run(new ArrayList<>(batch.subList(0, half)));
                run(new ArrayList<>(batch.subList(half, batch.size())));
                return;
            }
            failedItems.addAndGet(batch.size());
            batch.forEach(p -> p.future().completeExceptionally(t));
        }
    }

    /** Java heap exhaustion, or an ONNX Runtime allocation failure (CPU arena or CUDA). */
    static boolean isOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
            String message = c.getMessage();
            if (message != null) {
                String m = message.toLowerCase();
                if (m.contains("failed to allocate memory") || m.contains("out of memory") || m.contains("bfcarena")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("batcher " + name + " is closed");
        }
    }

    private void failQueued() {
        Pending<I, O> pending;
        while ((pending = queue.poll()) != null) {
            pending.future().completeExceptionally(new IllegalStateException("batcher " + name + " is closed"));
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }
}
