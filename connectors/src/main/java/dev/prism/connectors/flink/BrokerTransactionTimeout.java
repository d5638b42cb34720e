package dev.prism.connectors.flink;

import dev.prism.connectors.kafka.TopicAdmin;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/** Asks the cluster for {@code transaction.max.timeout.ms}; fails with a clear message when it cannot. */
final class BrokerTransactionTimeout implements LongSupplier {
    private final String bootstrapServers;

    BrokerTransactionTimeout(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public long getAsLong() {
        try (TopicAdmin admin = new TopicAdmin(bootstrapServers)) {
            return admin.brokerTransactionMaxTimeoutMs();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading transaction.max.timeout.ms from " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read transaction.max.timeout.ms from " + bootstrapServers
                    + " to check the EXACTLY_ONCE settings: " + e.getMessage()
                    + " (or pass the value with optBrokerMaxTransactionTimeoutMs)", e);
        }
    }
}
