package dev.prism.connectors.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.connectors.embedded.EmbeddedKafka;
import dev.prism.connectors.wire.TagEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builders check their settings at build time, against a real broker's limits. */
class BuildersIT {
    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(dir);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static PrismKafkaSinkBuilder<TagEvent> sink() {
        return PrismKafkaSinkBuilder.<TagEvent>builder().setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(WireRecordSerializers.tags("prism.tags"));
    }

    @Test
    void exactlyOnceWithoutPrefixFails() {
        assertThatThrownBy(() -> sink().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EXACTLY_ONCE needs a transactional id prefix, unique per job (set optTransactionalIdPrefix, e.g. \"prism-ingest\")");
    }

    @Test
    void exactlyOnceWithTimeoutAboveTheBrokersMaximumFails() {
        assertThatThrownBy(() -> sink().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).optTransactionalIdPrefix("p")
                .optTransactionTimeout(Duration.ofHours(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EXACTLY_ONCE: transaction timeout 3600000 ms exceeds the broker's transaction.max.timeout.ms 900000 ms; "
                        + "lower the sink's transaction timeout (optTransactionTimeout) or raise transaction.max.timeout.ms on the brokers");
    }

    @Test
    void validSinksBuild() {
        assertThat(sink().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).optTransactionalIdPrefix("p")
                .optTransactionTimeout(Duration.ofMinutes(5)).build()).isNotNull();
        assertThat(sink().build()).isNotNull(); // AT_LEAST_ONCE by default
        assertThatThrownBy(() -> sink().setDeliveryGuarantee(DeliveryGuarantee.NONE).build())
                .hasMessage("delivery guarantee NONE can lose records; use AT_LEAST_ONCE or EXACTLY_ONCE");
    }

    @Test
    void sourceRefusesToReadUncommittedData() {
        assertThatThrownBy(() -> PrismKafkaSourceBuilder.builder().setBootstrapServers(kafka.bootstrapServers())
                .setTopics(List.of("prism.text")).setGroupId("g").optProperty("isolation.level", "read_uncommitted").build())
                .hasMessage("isolation.level must be read_committed, got 'read_uncommitted': reading uncommitted data would index "
                        + "records of aborted transactions");
        assertThatThrownBy(() -> PrismKafkaSourceBuilder.builder().setBootstrapServers(kafka.bootstrapServers())
                .setTopics(List.of("prism.text")).build()).hasMessage("group id must be set (it names the committed offsets)");
        assertThat(PrismKafkaSourceBuilder.builder().setBootstrapServers(kafka.bootstrapServers()).setTopics(List.of("prism.text"))
                .setGroupId("g").build()).isNotNull();
    }
}
