package dev.prism.flinkjobs.operators;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.flinkjobs.serde.Types;
import org.apache.flink.util.OutputTag;

/** Side outputs of the IngestJob's operators. */
public final class Outputs {
    private Outputs() {}

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", Types.DEAD_LETTER);
    public static final OutputTag<TagEvent> TAGS = new OutputTag<>("tags", Types.TAG_EVENT);
}
