package dev.prism.encoders.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.encoders.InvalidInputException;
import dev.prism.encoders.TestModels;
import dev.prism.encoders.embed.EmbeddingModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

    /** 8 threads × 500 mixed text/image requests through the real batchers: every result equals the unbatched path. */
    @Test
    void concurrentMixedRequestsMatchTheUnbatchedPath() throws Exception {
        EmbeddingModel clip = TestModels.tinyClip();
        List<String> texts = List.of("a photo of a cat.", "a red apple", "stream processing", "東京タワー", "🔥", "",
                "a much longer sentence about a bicycle leaning against a brick wall near the station");
        List<byte[]> images = new ArrayList<>();
        for (String name : List.of("baseline_420.jpg", "rgba.png", "palette8.bmp", "lossless.webp")) {
            images.add(TestModels.resource("/images/input/" + name));
        }
        byte[] poisoned = TestModels.resource("/images/bad/truncated.jpg");
        List<float[]> textExpected = new ArrayList<>();
        texts.forEach(t -> textExpected.add(clip.requireText().encode(t)));
        List<float[]> imageExpected = new ArrayList<>();
        images.forEach(i -> imageExpected.add(clip.requireImage().encode(i)));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger poisonFailures = new AtomicInteger();
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                workers.add(pool.submit(() -> {
                    int checked = 0;
                    List<CompletableFuture<float[]>> futures = new ArrayList<>();
                    List<float[]> expected = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        int k = t * 500 + i;
                        if (k % 97 == 0) {
                            CompletableFuture<float[]> bad = clip.requireImage().encodeAsync(poisoned);
                            assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class)
                                    .hasCauseInstanceOf(InvalidInputException.class);
                            poisonFailures.incrementAndGet();
                        } else if (k % 3 == 0) {
                            futures.add(clip.requireImage().encodeAsync(images.get(k % images.size())));
                            expected.add(imageExpected.get(k % images.size()));
                        } else {
                            futures.add(clip.requireText().encodeAsync(texts.get(k % texts.size())));
                            expected.add(textExpected.get(k % texts.size()));
                        }
                    }
                    for (int i = 0; i < futures.size(); i++) {
                        float[] actual = futures.get(i).get(60, TimeUnit.SECONDS);
                        for (int d = 0; d < actual.length; d++) {
                            assertThat(Math.abs(actual[d] - expected.get(i)[d])).isLessThanOrEqualTo(1e-5f);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get(5, TimeUnit.MINUTES);
            }
            assertThat(total + poisonFailures.get()).isEqualTo(4000);
            assertThat(poisonFailures.get()).isEqualTo(42);
            BatchStats textStats = clip.requireText().batchStats();
            assertThat(textStats.maxBatchSeen()).as("batches really formed").isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void outOfMemoryBatchIsSplitAndRetried() throws Exception {
        List<Integer> seenSizes = new ArrayList<>();
        try (DynamicBatcher<Integer, Integer> batcher = new DynamicBatcher<>("oom", new BatcherConfig(8, Duration.ofMillis(200), 64),
                items -> {
                    synchronized (seenSizes) {
                        seenSizes.add(items.size());
                    }
                    if (items.size() > 2) {
                        throw new OutOfMemoryError("Java heap space (simulated by a batch limit of 2)");
                    }
                    return items.stream().map(i -> i * 10).toList();
                })) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(batcher.submit(i));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i * 10);
            }
            assertThat(batcher.stats().splits()).isGreaterThanOrEqualTo(1);
            assertThat(seenSizes).contains(8, 4, 2);
        }
    }

    @Test
    void otherFailuresFailTheBatchWithoutSplitting() throws Exception {
        try (DynamicBatcher<Integer, Integer> batcher = new DynamicBatcher<>("broken", new BatcherConfig(4, Duration.ofMillis(100), 8),
                items -> {
                    throw new IllegalStateException("device lost");
                })) {
            CompletableFuture<Integer> future = batcher.submit(1);
            assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("device lost");
            assertThat(batcher.stats().splits()).isZero();
        }
    }

    @Test
    void fullBatcherAppliesBackpressure() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        try (DynamicBatcher<Integer, Integer> batcher = new DynamicBatcher<>("slow", new BatcherConfig(2, Duration.ZERO, 2),
                items -> {
                    gate.get();
                    return items;
                })) {
            batcher.submit(1);
            batcher.submit(2);
            assertThatThrownBy(() -> batcher.submit(3, 100, TimeUnit.MILLISECONDS))
                    .hasMessage("batcher slow is full (2 items in flight)");
            gate.complete(null);
            assertThat(batcher.submit(4, 5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS)).isEqualTo(4);
        }
    }

    @Test
    void configIsChecked() {
        assertThatThrownBy(() -> new BatcherConfig(0, Duration.ZERO, 1)).hasMessage("maxBatchSize must be in [1, 4096], got 0");
        assertThatThrownBy(() -> new BatcherConfig(8, Duration.ZERO, 4)).hasMessage("maxInFlight must be >= maxBatchSize (8), got 4");
    }
}
