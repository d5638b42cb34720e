package dev.prism.flinkjobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.LabelSetCodec;
import dev.prism.connectors.wire.LabelSetRecord;
import dev.prism.connectors.wire.Modality;
import dev.prism.connectors.wire.TagEvent;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.encoders.embed.EmbeddingModels;
import dev.prism.encoders.embed.TextEncoder;
import dev.prism.flinkjobs.config.IngestJobConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Zero-shot tagging with label sets that change at runtime, and re-encoding avoided — with the real MiniLM. */
class TaggingAndDedupIT extends PipelineITBase {
    private static final List<String> WEATHER = List.of("Heavy rain and strong wind are expected tomorrow.",
            "A sunny afternoon with a light breeze.", "Snow storms will close the mountain roads.");
    private static final List<String> DRINKS = List.of("A steaming cup of green tea.", "Freshly brewed coffee with oat milk.",
            "Cold lemonade on a hot summer day.");

    private void publish(PrismTopics topics, LabelSetRecord set) throws Exception {
        harness.produceRaw(List.of(new ProducerRecord<>(topics.labelSets(), set.name().getBytes(StandardCharsets.UTF_8),
                LabelSetCodec.write(set))));
    }

    @Test
    void labelSetUpdateAppliesToDocumentsProcessedAfterIt() throws Exception {
        PrismTopics topics = harness.topics("tags");
        IngestJobConfig config = harness.config("tags", topics, "minilm", 2);
        publish(topics, new LabelSetRecord("topics", 1, List.of("drinks", "sports"), List.of("This text is about {}."), "single",
                null, Map.of(), Set.of(Modality.TEXT)));
        JobID job = harness.submit(config, null);

        List<DocumentEvent> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.add(DocumentEvent.text("a" + i, DRINKS.get(i), Map.of()));
            before.add(DocumentEvent.text("w" + i, WEATHER.get(i), Map.of()));
        }
        harness.produce(topics.text(), before);
        Map<String, VectorRecord> first = harness.awaitView(topics.vectors(), v -> v.size() == 6, Duration.ofMinutes(2));
        assertThat(first).hasSize(6);
        first.values().forEach(r -> assertThat(r.tags()).singleElement().satisfies(t -> assertThat(t.labelSet()).isEqualTo("topics@1")));
        assertThat(first.get("a0").tags().get(0).label()).isEqualTo("drinks");

        publish(topics, new LabelSetRecord("topics", 2, List.of("drinks", "sports", "weather"), List.of("This text is about {}."),
                "single", null, Map.of(), Set.of(Modality.TEXT)));
        // probe until the new version is visible: the broadcast and the documents are separate streams
        int probe = 0;
        Map<String, VectorRecord> view;
        do {
            String id = "probe" + probe++;
            harness.produce(topics.text(), List.of(DocumentEvent.text(id, "probe " + id, Map.of())));
            view = harness.awaitView(topics.vectors(), v -> v.containsKey(id), Duration.ofSeconds(30));
        } while (!view.get("probe" + (probe - 1)).tags().get(0).labelSet().equals("topics@2") && probe < 60);

        List<DocumentEvent> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            after.add(DocumentEvent.text("b" + i, WEATHER.get(i), Map.of()));
        }
        harness.produce(topics.text(), after);
        view = harness.awaitView(topics.vectors(), v -> v.containsKey("b0") && v.containsKey("b1") && v.containsKey("b2"),
                Duration.ofMinutes(2));
        for (int i = 0; i < 3; i++) {
            VectorRecord r = view.get("b" + i);
            assertThat(r.tags()).singleElement().satisfies(t -> {
                assertThat(t.labelSet()).isEqualTo("topics@2");
                assertThat(t.label()).isEqualTo("weather");
            });
            assertThat(view.get("w" + i).tags().get(0).labelSet()).as("earlier documents keep the old version's tags")
                    .isEqualTo("topics@1");
        }
        List<TagEvent> tagEvents = harness.tagEvents(topics.tags());
        assertThat(tagEvents).filteredOn(t -> t.id().equals("b0")).singleElement()
                .satisfies(t -> assertThat(t.labels().get(0).label()).isEqualTo("weather"));
        assertThat(harness.metric(job, "prism.tagsEmitted")).isEqualTo(tagEvents.size());
        harness.cancel(job);
    }

    @Test
    void unchangedContentIsNotReEncodedAndMetadataOnlyChangesUpdateMetadata() throws Exception {
        PrismTopics topics = harness.topics("dedup");
        IngestJobConfig config = harness.config("dedup", topics, "minilm", 2);
        TextEncoder encoder = EmbeddingModels.shared("minilm", config.encoderOptions()).requireText();
        JobID job = harness.submit(config, null);
        List<DocumentEvent> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(DocumentEvent.text("d" + i, "original text of document " + i, Map.of("rev", 1L)));
        }
        harness.produce(topics.text(), docs);
        harness.awaitView(topics.vectors(), v -> v.size() == 50, Duration.ofMinutes(2));
        Map<String, VectorRecord> original = harness.vectorView(topics.vectors());
        long encodedBefore = encoder.batchStats().items();

        List<DocumentEvent> resend = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            resend.add(i < 20 ? docs.get(i) : DocumentEvent.text("d" + i, "original text of document " + i, Map.of("rev", 2L)));
        }
        List<PipelineHarness.Sent> sent = harness.produce(topics.text(), resend);
        Map<String, PipelineHarness.Sent> expected = Workload.oracle(sent);
        Map<String, VectorRecord> view = harness.awaitView(topics.vectors(), v -> Workload.converged(v, expected), Duration.ofMinutes(2));
        assertThat(Workload.converged(view, expected)).isTrue();
        assertThat(encoder.batchStats().items() - encodedBefore).as("texts encoded for unchanged content").isZero();
        assertThat(harness.metric(job, "prism.reencodesAvoided")).isEqualTo(50);
        for (int i = 0; i < 50; i++) {
            VectorRecord r = view.get("d" + i);
            assertThat(r.vector()).isEqualTo(original.get("d" + i).vector());
            assertThat(r.metadata()).isEqualTo(Map.of("rev", i < 20 ? 1L : 2L));
        }

        List<PipelineHarness.Sent> changed = harness.produce(topics.text(),
                List.of(DocumentEvent.text("d0", "new content for d0", Map.of()), DocumentEvent.text("d1", "new content for d1", Map.of())));
        Map<String, PipelineHarness.Sent> expectedChanged = Workload.oracle(changed);
        harness.awaitView(topics.vectors(), v -> v.get("d0").version() == expectedChanged.get("d0").version()
                && v.get("d1").version() == expectedChanged.get("d1").version(), Duration.ofMinutes(2));
        assertThat(encoder.batchStats().items() - encodedBefore).as("only changed content is encoded").isEqualTo(2);
        harness.cancel(job);
    }
}
