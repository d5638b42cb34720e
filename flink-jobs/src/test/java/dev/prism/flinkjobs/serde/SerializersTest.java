package dev.prism.flinkjobs.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.flink.VectorOrDelete;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.LabelSetRecord;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.flinkjobs.pipeline.GateState;
import dev.prism.flinkjobs.pipeline.PipelineDoc;
import dev.prism.flinkjobs.pipeline.StoredVector;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Every serializer of the job round-trips its values, and its snapshot restores an equal serializer. */
class SerializersTest {
    static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer snapshotOut = new DataOutputSerializer(64);
        snapshot.writeSnapshot(snapshotOut);
        @SuppressWarnings("unchecked")
        TypeSerializerSnapshot<T> restored = snapshot.getClass().getDeclaredConstructor().newInstance();
        restored.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(snapshotOut.getCopyOfBuffer()), null);
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(restored.resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
        return restored.restoreSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void wireRecords() throws Exception {
        TagEvent tag = new TagEvent("a", Modality.TEXT, "s@1", List.of(new TagEvent.Label("x", 0.5, 0.1)));
        assertThat(roundTrip(WireRecordSerializer.TAG_EVENTS, tag)).isEqualTo(tag);
        DeadLetter letter = new DeadLetter("encode", "E", "bad", new SourceRef("t", 1, 2, "k"), new byte[] {1}, 1, 3);
        assertThat(roundTrip(WireRecordSerializer.DEAD_LETTERS, letter)).isEqualTo(letter);
        LabelSetRecord set = new LabelSetRecord("s", 2, List.of("a"), List.of("{}"), "multi", 0.1, Map.of("a", 0.3), null);
        assertThat(roundTrip(WireRecordSerializer.LABEL_SETS, set)).isEqualTo(set);
        VectorOrDelete upsert = VectorOrDelete.upsert(new VectorRecord("v", Modality.IMAGE, "m@1", new float[] {1, 0}, Map.of(), List.of(),
                4, new SourceRef("t", 0, 9, null), new byte[] {7}, null));
        assertThat(roundTrip(WireRecordSerializer.VECTORS_OR_DELETES, upsert)).isEqualTo(upsert);
        VectorOrDelete delete = VectorOrDelete.delete("gone", 5, 11);
        assertThat(roundTrip(WireRecordSerializer.VECTORS_OR_DELETES, delete)).isEqualTo(delete);
        assertThat(WireRecordSerializer.TAG_EVENTS).isNotEqualTo(WireRecordSerializer.DEAD_LETTERS);
    }

    @Test
    void pipelineAndState() throws Exception {
        PipelineDoc doc = new PipelineDoc("d", PipelineDoc.Action.ENCODED, Modality.TEXT, "text", null, null, Map.of("n", 1L, "l", List.of("a")),
                7, new SourceRef("t", 2, 3, null), 99, "hash", new float[] {0.5f}, null, "m@1", null);
        PipelineDoc back = roundTrip(PipelineDocSerializer.INSTANCE, doc);
        assertThat(back).usingRecursiveComparison().isEqualTo(doc);
        GateState gate = new GateState(7, 3, false, "hash", "minilm");
        assertThat(roundTrip(StateSerializers.GateStateSerializer.INSTANCE, gate)).isEqualTo(gate);
        StoredVector stored = new StoredVector(7, 3, false, "hash", new float[] {0.25f, 1f}, new byte[] {1, 2}, "m@1");
        assertThat(roundTrip(StateSerializers.StoredVectorSerializer.INSTANCE, stored)).usingRecursiveComparison().isEqualTo(stored);
    }
}
