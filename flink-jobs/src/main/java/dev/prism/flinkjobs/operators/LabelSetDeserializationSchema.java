package dev.prism.flinkjobs.operators;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.LabelSetCodec;
import dev.prism.connectors.wire.LabelSetRecord;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.WireException;
import dev.prism.flinkjobs.pipeline.LabelSetUpdate;
import dev.prism.flinkjobs.serde.Types;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The label-set topic → updates; never throws (a bad label set becomes a dead letter with stage {@code labelset}). */
public final class LabelSetDeserializationSchema implements KafkaRecordDeserializationSchema<LabelSetUpdate> {
    private static final long serialVersionUID = 1L;

    private final int maxDlqPayloadBytes;

    public LabelSetDeserializationSchema(int maxDlqPayloadBytes) {
        this.maxDlqPayloadBytes = maxDlqPayloadBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<LabelSetUpdate> out) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        try {
            if (record.value() == null) {
                if (key == null) {
                    throw new WireException("label-set tombstone without a key");
                }
                out.collect(new LabelSetUpdate(key, null, null));
                return;
            }
            LabelSetRecord set = LabelSetCodec.read(record.value());
            CommitAndTag.query(set); // the classifier's own checks (label count, duplicates, temperature range)
            if (key != null && !key.equals(set.name())) {
                throw new WireException("record key '" + key + "' does not match label set name '" + set.name() + "'");
            }
            out.collect(new LabelSetUpdate(set.name(), set, null));
        } catch (Exception e) {
            out.collect(new LabelSetUpdate(key, null, DeadLetter.of("labelset", e,
                    new SourceRef(record.topic(), record.partition(), record.offset(), key), record.value(), maxDlqPayloadBytes,
                    System.currentTimeMillis())));
        }
    }

    @Override
    public TypeInformation<LabelSetUpdate> getProducedType() {
        return Types.LABEL_SET_UPDATE;
    }
}
