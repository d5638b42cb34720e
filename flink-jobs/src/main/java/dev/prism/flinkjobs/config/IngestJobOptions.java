package dev.prism.flinkjobs.config;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Every setting of the IngestJob: key, type, default and description, in one place. */
public final class IngestJobOptions {
    private IngestJobOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("prism.bootstrap.servers").stringType()
            .noDefaultValue().withDescription("Kafka bootstrap servers (required).");
    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("prism.group.id").stringType()
            .defaultValue("prism-ingest").withDescription("Consumer group id of the document sources.");
    public static final ConfigOption<String> TOPIC_TEXT = ConfigOptions.key("prism.topics.text").stringType()
            .defaultValue("prism.text").withDescription("Text document topic.");
    public static final ConfigOption<String> TOPIC_IMAGES = ConfigOptions.key("prism.topics.images").stringType()
            .defaultValue("prism.images").withDescription("Image document topic (read only when the model encodes images).");
    public static final ConfigOption<String> TOPIC_VECTORS = ConfigOptions.key("prism.topics.vectors").stringType()
            .defaultValue("prism.vectors").withDescription("Vector log (compacted).");
    public static final ConfigOption<String> TOPIC_LABEL_SETS = ConfigOptions.key("prism.topics.labelsets").stringType()
            .defaultValue("prism.labelsets").withDescription("Label sets (compacted).");
    public static final ConfigOption<String> TOPIC_TAGS = ConfigOptions.key("prism.topics.tags").stringType()
            .defaultValue("prism.tags").withDescription("Tag events.");
    public static final ConfigOption<String> TOPIC_DLQ = ConfigOptions.key("prism.topics.dlq").stringType()
            .defaultValue("prism.dlq").withDescription("Dead letters.");

    public static final ConfigOption<String> MODEL = ConfigOptions.key("prism.model").stringType()
            .defaultValue("minilm").withDescription("Built-in model name or model folder (must exist on every TaskManager).");
    public static final ConfigOption<String> DEVICE = ConfigOptions.key("prism.device").stringType()
            .defaultValue("cpu").withDescription("cpu or cuda:N.");
    public static final ConfigOption<Boolean> DEVICE_REQUIRED = ConfigOptions.key("prism.device.required").booleanType()
            .defaultValue(false).withDescription("Fail instead of falling back to CPU when the device cannot start.");
    public static final ConfigOption<String> TOKENIZER = ConfigOptions.key("prism.tokenizer").stringType()
            .noDefaultValue().withDescription("Optional tokenizer.json / BPE merges file overriding the model folder's.");
    public static final ConfigOption<Integer> BATCH_MAX_SIZE = ConfigOptions.key("prism.batch.max-size").intType()
            .defaultValue(512).withDescription("Largest text batch gathered by the encoder; it is sorted by length and run in "
                    + "sub-batches of about 1,024 padded tokens, so a large value mostly means less padding (images: at most 32).");
    public static final ConfigOption<Duration> BATCH_MAX_DELAY = ConfigOptions.key("prism.batch.max-delay").durationType()
            .defaultValue(Duration.ofMillis(5)).withDescription("Longest wait for a batch to fill.");
    public static final ConfigOption<Integer> BATCH_MAX_IN_FLIGHT = ConfigOptions.key("prism.batch.max-in-flight").intType()
            .defaultValue(2048).withDescription("Items queued or running in the JVM-wide batcher before callers block (images: at most 256).");
    public static final ConfigOption<Integer> ASYNC_CAPACITY = ConfigOptions.key("prism.async.capacity").intType()
            .defaultValue(1024).withDescription("In-flight documents per encode subtask (backpressure beyond).");
    public static final ConfigOption<Duration> ASYNC_TIMEOUT = ConfigOptions.key("prism.async.timeout").durationType()
            .defaultValue(Duration.ofMinutes(2)).withDescription("A document not encoded within this time fails the task "
                    + "(an infrastructure fault, never a dead letter).");

    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("prism.parallelism").intType()
            .defaultValue(-1).withDescription("Job parallelism (-1: the environment's default).");
    public static final ConfigOption<Integer> MAX_PARALLELISM = ConfigOptions.key("prism.max-parallelism").intType()
            .defaultValue(128).withDescription("Key groups; fixed so savepoints can be restored at any parallelism up to it.");
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOptions.key("prism.checkpoint.interval").durationType()
            .defaultValue(Duration.ofSeconds(10)).withDescription("Checkpoint interval.");
    public static final ConfigOption<String> CHECKPOINT_DIR = ConfigOptions.key("prism.checkpoint.dir").stringType()
            .defaultValue("file:///tmp/prism/checkpoints").withDescription("Checkpoint storage (URI).");
    public static final ConfigOption<Duration> STATE_TTL = ConfigOptions.key("prism.state.ttl").durationType()
            .defaultValue(Duration.ZERO).withDescription("Time to live of per-document state (0 = forever). "
                    + "After it expires, an old replayed version can no longer be recognised as old.");
    public static final ConfigOption<String> DELIVERY_GUARANTEE = ConfigOptions.key("prism.delivery.guarantee").stringType()
            .defaultValue("AT_LEAST_ONCE").withDescription("AT_LEAST_ONCE or EXACTLY_ONCE for the output topics.");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = ConfigOptions.key("prism.transactional-id-prefix")
            .stringType().defaultValue("prism-ingest").withDescription("Transactional id prefix (EXACTLY_ONCE).");
    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = ConfigOptions.key("prism.transaction.timeout")
            .durationType().defaultValue(Duration.ofMinutes(10)).withDescription("Kafka transaction timeout (EXACTLY_ONCE).");
    public static final ConfigOption<Integer> DLQ_MAX_PAYLOAD = ConfigOptions.key("prism.dlq.max-payload-bytes").intType()
            .defaultValue(4096).withDescription("Bytes of the original payload kept in a dead letter.");
    public static final ConfigOption<Integer> THUMBNAIL_MAX_SIDE = ConfigOptions.key("prism.thumbnail.max-side").intType()
            .defaultValue(128).withDescription("Longest side of image thumbnails in vector records.");
    public static final ConfigOption<Integer> THUMBNAIL_MAX_BYTES = ConfigOptions.key("prism.thumbnail.max-bytes").intType()
            .defaultValue(16 * 1024).withDescription("Largest thumbnail.");

    public static List<ConfigOption<?>> all() {
        return List.of(BOOTSTRAP_SERVERS, GROUP_ID, TOPIC_TEXT, TOPIC_IMAGES, TOPIC_VECTORS, TOPIC_LABEL_SETS, TOPIC_TAGS, TOPIC_DLQ,
                MODEL, DEVICE, DEVICE_REQUIRED, TOKENIZER, BATCH_MAX_SIZE, BATCH_MAX_DELAY, BATCH_MAX_IN_FLIGHT, ASYNC_CAPACITY,
                ASYNC_TIMEOUT, PARALLELISM, MAX_PARALLELISM, CHECKPOINT_INTERVAL, CHECKPOINT_DIR, STATE_TTL, DELIVERY_GUARANTEE,
                TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT, DLQ_MAX_PAYLOAD, THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_BYTES);
    }
}
