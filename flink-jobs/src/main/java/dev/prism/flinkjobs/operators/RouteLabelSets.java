package dev.prism.flinkjobs.operators;

import dev.prism.flinkjobs.pipeline.LabelSetUpdate;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Bad label-set records go to the DLQ side output; the rest continue to the broadcast. */
public final class RouteLabelSets extends ProcessFunction<LabelSetUpdate, LabelSetUpdate> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(LabelSetUpdate update, Context ctx, Collector<LabelSetUpdate> out) {
        if (update.failure() != null) {
            ctx.output(Outputs.DEAD_LETTERS, update.failure());
        } else {
            out.collect(update);
        }
    }
}
