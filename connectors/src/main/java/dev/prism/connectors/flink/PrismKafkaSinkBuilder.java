package dev.prism.connectors.flink;

import java.time.Duration;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Builds a Kafka sink with safe defaults: idempotent producer, {@code acks=all}, a delivery guarantee
 * chosen explicitly (default AT_LEAST_ONCE). EXACTLY_ONCE needs a transactional id prefix and a
 * transaction timeout no larger than the broker's {@code transaction.max.timeout.ms}; both are checked in
 * {@link #build()}, which says which setting to change.
 */
public final class PrismKafkaSinkBuilder<T> {
    /** Flink's default (1 hour) exceeds Kafka's default maximum (15 minutes); Prism defaults below it. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private String bootstrapServers;
    private KafkaRecordSerializationSchema<T> serializer;
    private DeliveryGuarantee guarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    private String transactionalIdPrefix;
    private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
    private LongSupplier brokerMaxTransactionTimeoutMs;
    private final Properties extra = new Properties();

    PrismKafkaSinkBuilder() {}

    public static <T> PrismKafkaSinkBuilder<T> builder() {
        return new PrismKafkaSinkBuilder<>();
    }

    public PrismKafkaSinkBuilder<T> setBootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    public PrismKafkaSinkBuilder<T> setRecordSerializer(KafkaRecordSerializationSchema<T> recordSerializer) {
        this.serializer = recordSerializer;
        return this;
    }

    public PrismKafkaSinkBuilder<T> setDeliveryGuarantee(DeliveryGuarantee deliveryGuarantee) {
        this.guarantee = deliveryGuarantee;
        return this;
    }

    public PrismKafkaSinkBuilder<T> optTransactionalIdPrefix(String prefix) {
        this.transactionalIdPrefix = prefix;
        return this;
    }

    public PrismKafkaSinkBuilder<T> optTransactionTimeout(Duration timeout) {
        this.transactionTimeout = timeout;
        return this;
    }

    /**
     * Where to learn the broker's {@code transaction.max.timeout.ms} for EXACTLY_ONCE; by default it is asked
     * from the cluster with an admin client at build time.
     */
    public PrismKafkaSinkBuilder<T> optBrokerMaxTransactionTimeoutMs(LongSupplier supplier) {
        this.brokerMaxTransactionTimeoutMs = supplier;
        return this;
    }

    public PrismKafkaSinkBuilder<T> optProperty(String key, String value) {
        extra.setProperty(key, value);
        return this;
    }

    public KafkaSink<T> build() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be set");
        }
        if (serializer == null) {
            throw new IllegalArgumentException("record serializer must be set");
        }
        if (guarantee == null) {
            throw new IllegalArgumentException("delivery guarantee must be set (AT_LEAST_ONCE or EXACTLY_ONCE)");
        }
        if (guarantee == DeliveryGuarantee.NONE) {
            throw new IllegalArgumentException("delivery guarantee NONE can lose records; use AT_LEAST_ONCE or EXACTLY_ONCE");
        }
        Properties props = new Properties();
        props.putAll(extra);
        props.setProperty("enable.idempotence", "true");
        props.setProperty("acks", "all");
        props.putIfAbsent("compression.type", "lz4");
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
                throw new IllegalArgumentException("EXACTLY_ONCE needs a transactional id prefix, unique per job "
                        + "(set optTransactionalIdPrefix, e.g. \"prism-ingest\")");
            }
            long timeoutMs = transactionTimeout.toMillis();
            long brokerMax = (brokerMaxTransactionTimeoutMs != null ? brokerMaxTransactionTimeoutMs
                    : new BrokerTransactionTimeout(bootstrapServers)).getAsLong();
            if (timeoutMs > brokerMax) {
                throw new IllegalArgumentException("EXACTLY_ONCE: transaction timeout " + timeoutMs
                        + " ms exceeds the broker's transaction.max.timeout.ms " + brokerMax
                        + " ms; lower the sink's transaction timeout (optTransactionTimeout) or raise "
                        + "transaction.max.timeout.ms on the brokers");
            }
            props.setProperty("transaction.timeout.ms", Long.toString(timeoutMs));
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder.setKafkaProducerConfig(props).build();
    }
}
