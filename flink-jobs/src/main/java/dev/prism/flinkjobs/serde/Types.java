package dev.prism.flinkjobs.serde;

import dev.prism.connectors.flink.SerializerTypeInfo;
import dev.prism.connectors.flink.VectorOrDelete;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.LabelSetRecord;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.flinkjobs.pipeline.GateState;
import dev.prism.flinkjobs.pipeline.LabelSetUpdate;
import dev.prism.flinkjobs.pipeline.PipelineDoc;
import dev.prism.flinkjobs.pipeline.StoredVector;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Type information of everything the IngestJob moves or stores; all with Prism's own serializers. */
public final class Types {
    private Types() {}

    public static final TypeInformation<PipelineDoc> PIPELINE_DOC =
            new SerializerTypeInfo<>(PipelineDoc.class, PipelineDocSerializer.INSTANCE);
    public static final TypeInformation<GateState> GATE_STATE =
            new SerializerTypeInfo<>(GateState.class, StateSerializers.GateStateSerializer.INSTANCE);
    public static final TypeInformation<StoredVector> STORED_VECTOR =
            new SerializerTypeInfo<>(StoredVector.class, StateSerializers.StoredVectorSerializer.INSTANCE);
    public static final TypeInformation<TagEvent> TAG_EVENT =
            new SerializerTypeInfo<>(TagEvent.class, WireRecordSerializer.TAG_EVENTS);
    public static final TypeInformation<DeadLetter> DEAD_LETTER =
            new SerializerTypeInfo<>(DeadLetter.class, WireRecordSerializer.DEAD_LETTERS);
    public static final TypeInformation<LabelSetRecord> LABEL_SET =
            new SerializerTypeInfo<>(LabelSetRecord.class, WireRecordSerializer.LABEL_SETS);
    public static final TypeInformation<LabelSetUpdate> LABEL_SET_UPDATE =
            new SerializerTypeInfo<>(LabelSetUpdate.class, LabelSetUpdateSerializer.INSTANCE);
    public static final TypeInformation<VectorOrDelete> VECTOR_OR_DELETE =
            new SerializerTypeInfo<>(VectorOrDelete.class, WireRecordSerializer.VECTORS_OR_DELETES);
}
