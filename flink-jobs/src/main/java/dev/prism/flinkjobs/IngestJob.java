package dev.prism.flinkjobs;

import dev.prism.connectors.flink.PrismKafkaSinkBuilder;
import dev.prism.connectors.flink.PrismKafkaSourceBuilder;
import dev.prism.connectors.flink.VectorOrDelete;
import dev.prism.connectors.flink.WireRecordSerializers;
import dev.prism.connectors.kafka.ParsedDocument;
import dev.prism.connectors.wire.DeadLetter;
import dev.prism.encoders.model.ModelFolders;
import dev.prism.encoders.model.ModelManifest;
import dev.prism.flinkjobs.config.IngestJobConfig;
import dev.prism.flinkjobs.config.IngestJobOptions;
import dev.prism.flinkjobs.operators.CommitAndTag;
import dev.prism.flinkjobs.operators.EncodeFunction;
import dev.prism.flinkjobs.operators.LabelSetDeserializationSchema;
import dev.prism.flinkjobs.operators.Outputs;
import dev.prism.flinkjobs.operators.RouteLabelSets;
import dev.prism.flinkjobs.operators.RouteParsed;
import dev.prism.flinkjobs.operators.VersionGate;
import dev.prism.flinkjobs.pipeline.LabelSetUpdate;
import dev.prism.flinkjobs.pipeline.PipelineDoc;
import dev.prism.flinkjobs.serde.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prism's streaming job:
 * <pre>
 * prism.text + prism.images → parse (dead letters → prism.dlq) → keyBy(id) → version gate
 *   → async batched encoding (dead letters → prism.dlq) → keyBy(id) → commit + zero-shot tags ← prism.labelsets (broadcast)
 *   → prism.vectors (compacted; tombstones for deletes), prism.tags
 * </pre>
 * Every operator has a uid and a name, so savepoints restore across code changes and parallelism changes.
 */
public final class IngestJob {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    private IngestJob() {}

    public static void main(String[] args) throws Exception {
        IngestJobConfig config = IngestJobConfig.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        build(env, config);
        env.execute("prism-ingest");
    }

    /** Checkpointing (incremental RocksDB) and restart settings derived from the job config. */
    public static Configuration flinkConfiguration(IngestJobConfig config) {
        Configuration flink = new Configuration();
        flink.setString("state.backend.type", "rocksdb");
        flink.setString("execution.checkpointing.incremental", "true");
        flink.setString("execution.checkpointing.dir", config.get(IngestJobOptions.CHECKPOINT_DIR));
        flink.setString("execution.checkpointing.interval", config.get(IngestJobOptions.CHECKPOINT_INTERVAL).toMillis() + " ms");
        flink.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        flink.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        return flink;
    }

    /** Adds the job's operators to {@code env}. */
    public static void build(StreamExecutionEnvironment env, IngestJobConfig config) {
        int parallelism = config.get(IngestJobOptions.PARALLELISM);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        env.setMaxParallelism(config.get(IngestJobOptions.MAX_PARALLELISM));
        env.enableCheckpointing(config.get(IngestJobOptions.CHECKPOINT_INTERVAL).toMillis());

        String bootstrap = config.get(IngestJobOptions.BOOTSTRAP_SERVERS);
        ModelManifest manifest = ModelFolders.open(config.get(IngestJobOptions.MODEL)).manifest();
        List<String> topics = new ArrayList<>();
        topics.add(config.get(IngestJobOptions.TOPIC_TEXT));
        if (manifest.hasVision()) {
            topics.add(config.get(IngestJobOptions.TOPIC_IMAGES));
        } else {
            // images wait in Kafka, unread, until a model that encodes them is deployed: nothing is lost
            LOG.warn("model {} has no image encoder: {} is not read", manifest.id(), config.get(IngestJobOptions.TOPIC_IMAGES));
        }
        KafkaSource<ParsedDocument> documents = PrismKafkaSourceBuilder.builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topics)
                .setGroupId(config.get(IngestJobOptions.GROUP_ID))
                .optMaxDlqPayloadBytes(config.get(IngestJobOptions.DLQ_MAX_PAYLOAD))
                .build();

        SingleOutputStreamOperator<PipelineDoc> parsed = env
                .fromSource(documents, WatermarkStrategy.noWatermarks(), "documents")
                .uid("source-documents").name("Kafka: documents")
                .process(new RouteParsed(), Types.PIPELINE_DOC)
                .uid("route-parsed").name("route parsed records");

        SingleOutputStreamOperator<PipelineDoc> gated = parsed
                .keyBy(PipelineDoc::id)
                .process(new VersionGate(config.get(IngestJobOptions.MODEL), config.get(IngestJobOptions.STATE_TTL)), Types.PIPELINE_DOC)
                .uid("version-gate").name("version gate + dedup");

        SingleOutputStreamOperator<PipelineDoc> encoded = AsyncDataStream
                .orderedWait(gated, new EncodeFunction(config), config.asyncTimeout().toMillis(), TimeUnit.MILLISECONDS,
                        config.get(IngestJobOptions.ASYNC_CAPACITY))
                .returns(Types.PIPELINE_DOC)
                .uid("encode").name("encode (batched, async)");

        KafkaSource<LabelSetUpdate> labelSetSource = KafkaSource.<LabelSetUpdate>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(config.get(IngestJobOptions.TOPIC_LABEL_SETS))
                .setGroupId(config.get(IngestJobOptions.GROUP_ID) + "-labelsets")
                .setStartingOffsets(OffsetsInitializer.earliest()) // the compacted topic is the whole state
                .setDeserializer(new LabelSetDeserializationSchema(config.get(IngestJobOptions.DLQ_MAX_PAYLOAD)))
                .setProperty("isolation.level", "read_committed")
                .build();
        SingleOutputStreamOperator<LabelSetUpdate> labelSets = env
                .fromSource(labelSetSource, WatermarkStrategy.noWatermarks(), "label sets")
                .uid("source-labelsets").name("Kafka: label sets")
                .setParallelism(1)
                .process(new RouteLabelSets(), Types.LABEL_SET_UPDATE)
                .uid("route-labelsets").name("route label sets")
                .setParallelism(1);
        BroadcastStream<LabelSetUpdate> broadcastSets = labelSets.broadcast(CommitAndTag.LABEL_SETS);

        SingleOutputStreamOperator<VectorOrDelete> committed = encoded
                .keyBy(PipelineDoc::id)
                .connect(broadcastSets)
                .process(new CommitAndTag(config), Types.VECTOR_OR_DELETE)
                .uid("commit-and-tag").name("commit + zero-shot tags");

        DeliveryGuarantee guarantee = DeliveryGuarantee.valueOf(config.get(IngestJobOptions.DELIVERY_GUARANTEE));
        committed.sinkTo(sink(config, guarantee, WireRecordSerializers.vectors(config.get(IngestJobOptions.TOPIC_VECTORS)), "vectors"))
                .uid("sink-vectors").name("Kafka: vectors");
        committed.getSideOutput(Outputs.TAGS)
                .sinkTo(sink(config, guarantee, WireRecordSerializers.tags(config.get(IngestJobOptions.TOPIC_TAGS)), "tags"))
                .uid("sink-tags").name("Kafka: tags");
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(Outputs.DEAD_LETTERS)
                .union(committed.getSideOutput(Outputs.DEAD_LETTERS), labelSets.getSideOutput(Outputs.DEAD_LETTERS));
        deadLetters.sinkTo(sink(config, guarantee, WireRecordSerializers.deadLetters(config.get(IngestJobOptions.TOPIC_DLQ)), "dlq"))
                .uid("sink-dlq").name("Kafka: dead letters");
    }

    private static <T> org.apache.flink.connector.kafka.sink.KafkaSink<T> sink(IngestJobConfig config, DeliveryGuarantee guarantee,
            org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> serializer, String name) {
        PrismKafkaSinkBuilder<T> builder = PrismKafkaSinkBuilder.<T>builder()
                .setBootstrapServers(config.get(IngestJobOptions.BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(guarantee)
                .optTransactionTimeout(config.get(IngestJobOptions.TRANSACTION_TIMEOUT));
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.optTransactionalIdPrefix(config.get(IngestJobOptions.TRANSACTIONAL_ID_PREFIX) + "-" + name);
        }
        return builder.build();
    }
}
