package dev.prism.flinkjobs.pipeline;

import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.LabelSetRecord;

/** A record of the label-set topic: a new version ({@code record}), a removal (tombstone: both null), or a bad record. */
public record LabelSetUpdate(String name, LabelSetRecord record, DeadLetter failure) {}
