package dev.prism.flinkjobs.operators;

import dev.prism.connectors.flink.VectorOrDelete;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.connectors.wire.LabelSetRecord;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.SourceRef;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.encoders.InvalidInputException;
import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.zeroshot.LabelMode;
import dev.prism.encoders.zeroshot.LabelQuery;
import dev.prism.encoders.zeroshot.LabelScore;
import dev.prism.encoders.zeroshot.ZeroShotClassifier;
import dev.prism.flinkjobs.config.IngestJobConfig;
import dev.prism.flinkjobs.config.IngestJobOptions;
import dev.prism.flinkjobs.pipeline.LabelSetUpdate;
import dev.prism.flinkjobs.pipeline.PipelineDoc;
import dev.prism.flinkjobs.pipeline.StoredVector;
import dev.prism.flinkjobs.serde.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Stage 4, keyed by id and connected to the broadcast label sets: commits each update (newer versions only),
 * keeps the vector for later metadata-only updates, tags the document with every active label set for its
 * modality, and emits the vector record (or a tombstone) plus tag events. A new label-set version applies to
 * every document processed after it arrives; label embeddings are computed once per (labels, templates).
 */
public final class CommitAndTag extends KeyedBroadcastProcessFunction<String, PipelineDoc, LabelSetUpdate, VectorOrDelete> {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, LabelSetRecord> LABEL_SETS =
            new MapStateDescriptor<>("label-sets", BasicTypeInfo.STRING_TYPE_INFO, Types.LABEL_SET);

    private final IngestJobConfig config;
    private transient ValueState<StoredVector> stored;
    private transient ZeroShotClassifier classifier;
    private transient Map<Modality, Counter> recordsOut;
    private transient Counter deletesOut;
    private transient Counter tagsEmitted;
    private transient Counter reuseDeadLetters;

    public CommitAndTag(IngestJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<StoredVector> descriptor = new ValueStateDescriptor<>("stored-vector", Types.STORED_VECTOR);
        Duration ttl = config.get(IngestJobOptions.STATE_TTL);
        if (!ttl.isZero()) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
        }
        stored = getRuntimeContext().getState(descriptor);
        EmbeddingModel model = EmbeddingModels.shared(config.get(IngestJobOptions.MODEL), config.encoderOptions());
        classifier = new ZeroShotClassifier(model);
        var group = getRuntimeContext().getMetricGroup().addGroup("prism");
        recordsOut = Map.of(Modality.TEXT, group.counter("recordsOutText"), Modality.IMAGE, group.counter("recordsOutImage"));
        deletesOut = group.counter("deletesOut");
        tagsEmitted = group.counter("tagsEmitted");
        reuseDeadLetters = group.addGroup("dlq").counter("reuse");
    }

    @Override
    public void processElement(PipelineDoc doc, ReadOnlyContext ctx, Collector<VectorOrDelete> out) throws Exception {
        if (doc.action() == PipelineDoc.Action.FAILED) {
            ctx.output(Outputs.DEAD_LETTERS, doc.failure());
            return;
        }
        StoredVector current = stored.value();
        if (current != null && !doc.isNewerThan(current.version(), current.offset())) {
            return; // the gate already ordered updates; this guards replays after a restore
        }
        switch (doc.action()) {
            case DELETE -> {
                stored.update(new StoredVector(doc.version(), doc.source().offset(), true, null, null, null, null));
                deletesOut.inc();
                out.collect(VectorOrDelete.delete(doc.id(), doc.version(), doc.source().offset()));
            }
            case REUSE -> {
                if (current == null || current.deleted() || current.vector() == null || !doc.contentHash().equals(current.contentHash())) {
                    // the same content failed to encode before, so it was never stored
                    reuseDeadLetters.inc();
                    ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of(DeadLetter.STAGE_ENCODE,
                            new InvalidInputException("content of this update (SHA-256 " + doc.contentHash()
                                    + ") failed to encode in an earlier version of the document; not retried"),
                            new SourceRef(doc.source().topic(), doc.source().partition(), doc.source().offset(), doc.id()), null, 0,
                            System.currentTimeMillis()));
                    return;
                }
                emit(doc.withVector(current.vector(), current.thumbnail(), current.modelId()), ctx, out);
            }
            case ENCODED -> emit(doc, ctx, out);
            default -> throw new IllegalStateException("unexpected action " + doc.action() + " for " + doc.id());
        }
    }

    private void emit(PipelineDoc doc, ReadOnlyContext ctx, Collector<VectorOrDelete> out) throws Exception {
        stored.update(new StoredVector(doc.version(), doc.source().offset(), false, doc.contentHash(), doc.vector(), doc.thumbnail(),
                doc.modelId()));
        List<VectorRecord.Tag> tags = new ArrayList<>();
        ReadOnlyBroadcastState<String, LabelSetRecord> sets = ctx.getBroadcastState(LABEL_SETS);
        List<Map.Entry<String, LabelSetRecord>> active = new ArrayList<>();
        sets.immutableEntries().forEach(active::add);
        active.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, LabelSetRecord> entry : active) {
            LabelSetRecord set = entry.getValue();
            if (!set.modalities().contains(doc.modality())) {
                continue;
            }
            List<LabelScore> scores = classifier.classify(doc.vector(), query(set));
            List<TagEvent.Label> labels = new ArrayList<>();
            for (LabelScore score : scores) {
                tags.add(new VectorRecord.Tag(set.ref(), score.label(), score.probability(), score.cosine()));
                labels.add(new TagEvent.Label(score.label(), score.probability(), score.cosine()));
            }
            ctx.output(Outputs.TAGS, new TagEvent(doc.id(), doc.modality(), set.ref(), labels));
            tagsEmitted.inc(labels.size());
        }
        recordsOut.get(doc.modality()).inc();
        out.collect(VectorOrDelete.upsert(new VectorRecord(doc.id(), doc.modality(), doc.modelId(), doc.vector(), doc.metadata(), tags,
                doc.version(), doc.source(), doc.thumbnail(), doc.text())));
    }

    /** Single-label sets tag the best label; multi-label sets every label over its threshold. */
    static LabelQuery query(LabelSetRecord set) {
        LabelMode mode = LabelMode.parse(set.mode());
        return new LabelQuery(set.labels(), set.templates(), mode, set.temperature(), set.thresholds(), LabelQuery.DEFAULT_THRESHOLD,
                mode == LabelMode.SINGLE ? 1 : set.labels().size());
    }

    @Override
    public void processBroadcastElement(LabelSetUpdate update, Context ctx, Collector<VectorOrDelete> out) throws Exception {
        BroadcastState<String, LabelSetRecord> sets = ctx.getBroadcastState(LABEL_SETS);
        if (update.record() == null) {
            sets.remove(update.name());
            return;
        }
        LabelSetRecord current = sets.get(update.name());
        if (current == null || update.record().version() > current.version()) {
            sets.put(update.name(), update.record()); // validated by LabelSetDeserializationSchema
        }
    }
}
