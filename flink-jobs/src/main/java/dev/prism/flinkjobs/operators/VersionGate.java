package dev.prism.flinkjobs.operators;

import dev.prism.flinkjobs.pipeline.GateState;
import dev.prism.flinkjobs.pipeline.PipelineDoc;
import dev.prism.flinkjobs.serde.Types;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stage 2, keyed by id: drops updates that are not newer than the newest seen (replays, reordered
 * producers) and marks unchanged content for reuse instead of re-encoding (metadata-only updates,
 * re-sent documents). Keeps only small per-id state; vectors live in the commit stage.
 */
public final class VersionGate extends KeyedProcessFunction<String, PipelineDoc, PipelineDoc> {
    private static final long serialVersionUID = 1L;

    private final String modelSpec;
    private final Duration ttl;
    private transient ValueState<GateState> state;
    private transient Counter staleDropped;
    private transient Counter reencodesAvoided;

    public VersionGate(String modelSpec, Duration ttl) {
        this.modelSpec = modelSpec;
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<GateState> descriptor = new ValueStateDescriptor<>("gate", Types.GATE_STATE);
        if (!ttl.isZero()) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
        }
        state = getRuntimeContext().getState(descriptor);
        var group = getRuntimeContext().getMetricGroup().addGroup("prism");
        staleDropped = group.counter("staleDropped");
        reencodesAvoided = group.counter("reencodesAvoided");
    }

    @Override
    public void processElement(PipelineDoc doc, Context ctx, Collector<PipelineDoc> out) throws Exception {
        GateState stored = state.value();
        if (stored != null && !doc.isNewerThan(stored.version(), stored.offset())) {
            staleDropped.inc();
            return;
        }
        if (doc.action() == PipelineDoc.Action.DELETE) {
            state.update(new GateState(doc.version(), doc.source().offset(), true, null, null));
            out.collect(doc);
            return;
        }
        boolean sameContent = stored != null && !stored.deleted() && doc.contentHash().equals(stored.contentHash())
                && modelSpec.equals(stored.modelSpec());
        state.update(new GateState(doc.version(), doc.source().offset(), false, doc.contentHash(), modelSpec));
        if (sameContent) {
            reencodesAvoided.inc();
            out.collect(doc.reuse());
        } else {
            out.collect(doc);
        }
    }
}
