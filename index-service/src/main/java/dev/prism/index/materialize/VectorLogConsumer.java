package dev.prism.index.materialize;

import dev.prism.connectors.flink.VectorOrDelete;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.connectors.wire.VectorRecordCodec;
import dev.prism.connectors.wire.WireException;
import dev.prism.index.store.IndexSettings;
import dev.prism.index.store.IndexStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails {@code prism.vectors} (read_committed) into the index. Resumes from the offsets saved in the last
 * Lucene commit; commits every N ms or N documents with the positions of all its partitions; refreshes the
 * searchers about every 100 ms. Any partition subset may be given so shards can split the topic.
 * A failure of the index itself (I/O) stops the consumer and is reported by {@link #failure()}.
 */
public final class VectorLogConsumer implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VectorLogConsumer.class);

    private final IndexStore store;
    private final String bootstrap;
    private final String topic;
    private final List<Integer> partitionSubset;
    private final IndexSettings settings;
    private final Map<Integer, Long> lag = new ConcurrentHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Counter upserts;
    private final Counter deletes;
    private final Counter stale;
    private final Counter rejected;
    private final Counter malformed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean lagKnown;
    private volatile Thread thread;

    public VectorLogConsumer(IndexStore store, String bootstrap, String topic, List<Integer> partitionSubset, IndexSettings settings,
                             MeterRegistry registry) {
        this.store = store;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.partitionSubset = partitionSubset;
        this.settings = settings;
        this.upserts = registry.counter("prism_index_records_total", "result", "upserted");
        this.deletes = registry.counter("prism_index_records_total", "result", "deleted");
        this.stale = registry.counter("prism_index_records_total", "result", "stale");
        this.rejected = registry.counter("prism_index_records_total", "result", "rejected_model");
        this.malformed = registry.counter("prism_index_records_total", "result", "malformed");
        Gauge.builder("prism_index_lag_records", lag, l -> l.values().stream().mapToLong(Long::longValue).sum()).register(registry);
    }

    public Thread start() {
        Thread t = new Thread(this, "prism-vector-log-consumer");
        t.setDaemon(true);
        thread = t;
        t.start();
        return t;
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", "1000");
        props.put("client.id", "prism-index");
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            List<TopicPartition> partitions = assign(kafka);
            long lastCommit = System.currentTimeMillis();
            long lastRefresh = 0;
            long lastLag = 0;
            long uncommitted = 0;
            boolean moved = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(Duration.ofMillis(50));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    apply(record);
                    uncommitted++;
                    moved = true;
                }
                long now = System.currentTimeMillis();
                if (moved && now - lastRefresh >= settings.refreshInterval().toMillis()) {
                    store.refresh();
                    lastRefresh = now;
                }
                if (moved && (uncommitted >= settings.commitEveryDocs() || now - lastCommit >= settings.commitInterval().toMillis())) {
                    store.commit(positions(kafka, partitions));
                    lastCommit = now;
                    uncommitted = 0;
                    moved = false;
                }
                if (now - lastLag >= 500) {
                    updateLag(kafka, partitions);
                    lastLag = now;
                }
            }
            if (moved) {
                store.refresh();
                store.commit(positions(kafka, partitions));
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (Throwable t) {
            failure.set(t);
            LOG.error("vector log consumer stopped: {}", t.toString(), t);
        }
    }

    private List<TopicPartition> assign(KafkaConsumer<byte[], byte[]> kafka) throws InterruptedException {
        List<PartitionInfo> infos;
        while ((infos = kafka.partitionsFor(topic, Duration.ofSeconds(10))).isEmpty()) {
            LOG.warn("topic {} does not exist yet; waiting", topic);
            Thread.sleep(1000);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            if (partitionSubset == null || partitionSubset.contains(info.partition())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        if (partitionSubset != null && partitions.size() != partitionSubset.size()) {
            throw new IllegalArgumentException("partitions " + partitionSubset + " requested, but " + topic + " has " + infos.size());
        }
        kafka.assign(partitions);
        Map<Integer, Long> committed = store.committedOffsets();
        for (TopicPartition tp : partitions) {
            Long offset = committed.get(tp.partition());
            if (offset != null) {
                kafka.seek(tp, offset);
            } else {
                kafka.seekToBeginning(List.of(tp));
            }
        }
        LOG.info("consuming {} partitions {} from {}", topic, partitions, committed.isEmpty() ? "the beginning" : committed);
        return partitions;
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) throws java.io.IOException {
        String id = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            Long version = header(record, VectorOrDelete.VERSION_HEADER);
            Long offset = header(record, VectorOrDelete.OFFSET_HEADER);
            count(store.delete(id, version, offset));
            return;
        }
        VectorRecord vector;
        try {
            vector = VectorRecordCodec.read(record.value());
        } catch (WireException e) {
            malformed.increment();
            LOG.warn("skipping malformed vector record {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        count(store.upsert(vector));
    }

    private void count(IndexStore.Applied applied) {
        switch (applied) {
            case UPSERTED -> upserts.increment();
            case DELETED -> deletes.increment();
            case STALE -> stale.increment();
            case REJECTED -> rejected.increment();
        }
    }

    private static Long header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<Integer, Long> positions(KafkaConsumer<byte[], byte[]> kafka, List<TopicPartition> partitions) {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        for (TopicPartition tp : partitions) {
            out.put(tp.partition(), kafka.position(tp));
        }
        return out;
    }

    private void updateLag(KafkaConsumer<byte[], byte[]> kafka, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions, Duration.ofSeconds(5));
        for (TopicPartition tp : partitions) {
            lag.put(tp.partition(), Math.max(0, end.get(tp) - kafka.position(tp)));
        }
        lagKnown = true;
    }

    /** Records behind the end of each partition (last measured, every ~500 ms). */
    public Map<Integer, Long> lag() {
        return Map.copyOf(lag);
    }

    /** True once the lag has been measured and every partition is at its end. */
    public boolean caughtUp() {
        return lagKnown && lag.values().stream().allMatch(l -> l == 0) && failure.get() == null;
    }

    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
