package dev.prism.encoders.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.encoders.TestModels;
import dev.prism.encoders.embed.Vectors;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ZeroShotClassifierTest {
    private final ZeroShotClassifier classifier = new ZeroShotClassifier(TestModels.minilm());
    private final List<String> labels = List.of("beverages", "sports", "finance", "weather");

    @Test
    void singleLabelPicksTheRightTopicWithCalibratedProbabilities() {
        List<LabelScore> scores = classifier.classifyText("I love a hot cup of tea with milk in the morning",
                LabelQuery.single(labels, List.of("This text is about {}.")));
        assertThat(scores.get(0).label()).isEqualTo("beverages");
        assertThat(scores.stream().mapToDouble(LabelScore::probability).sum()).isCloseTo(1.0, Offset.offset(1e-9));
        assertThat(classifier.classifyText("The striker scored twice in the final match",
                LabelQuery.single(labels, List.of("This text is about {}."))).get(0).label()).isEqualTo("sports");
    }

    @Test
    void probabilitiesFollowSoftmaxOfScaledCosines() {
        float[] doc = TestModels.minilm().requireText().encode("Stocks fell sharply after the earnings report");
        List<LabelScore> scores = classifier.classify(doc, LabelQuery.single(labels, List.of("{}")));
        float[][] labelVectors = classifier.labelEmbeddings(labels, List.of("{}"));
        double sum = 0;
        for (float[] l : labelVectors) {
            sum += Math.exp(20.0 * Vectors.dot(doc, l));
        }
        for (LabelScore score : scores) {
            float[] l = labelVectors[labels.indexOf(score.label())];
            assertThat(score.cosine()).isCloseTo(Vectors.dot(doc, l), Offset.offset(1e-12));
            assertThat(score.probability()).isCloseTo(Math.exp(20.0 * score.cosine()) / sum, Offset.offset(1e-9));
        }
        assertThat(scores.get(0).label()).isEqualTo("finance");
    }

    @Test
    void temperatureOverridesTheLogitScale() {
        float[] doc = TestModels.minilm().requireText().encode("rain and strong wind tomorrow");
        LabelQuery sharp = new LabelQuery(labels, List.of("{}"), LabelMode.SINGLE, 0.01, Map.of(), 0.25, 4);
        LabelQuery soft = new LabelQuery(labels, List.of("{}"), LabelMode.SINGLE, 1.0, Map.of(), 0.25, 4);
        assertThat(classifier.classify(doc, sharp).get(0).probability())
                .isGreaterThan(classifier.classify(doc, soft).get(0).probability());
        assertThat(classifier.classify(doc, sharp).get(0).label()).isEqualTo("weather");
    }

    @Test
    void promptEnsembleIsTheRenormalisedMeanAndIsCached() {
        List<String> templates = List.of("a text about {}.", "{}", "this is about {}.");
        float[][] first = classifier.labelEmbeddings(labels, templates);
        assertThat(classifier.labelEmbeddings(labels, templates)).isSameAs(first);
        float[] mean = new float[384];
        for (String template : templates) {
            float[] v = TestModels.minilm().requireText().encode(template.replace("{}", "sports"));
            for (int d = 0; d < 384; d++) {
                mean[d] += v[d] / 3;
            }
        }
        Vectors.normalize(mean);
        assertThat(first[1]).containsExactly(mean, Offset.offset(1e-5f));
    }

    @Test
    void multiLabelAppliesPerLabelThresholds() {
        float[] doc = TestModels.minilm().requireText().encode("Coffee prices rose on the stock exchange");
        float[][] l = classifier.labelEmbeddings(labels, List.of("{}"));
        double coffee = Vectors.dot(doc, l[0]);
        LabelQuery query = new LabelQuery(labels, List.of("{}"), LabelMode.MULTI, null,
                Map.of("beverages", coffee - 0.01, "sports", 0.99), -1.0, 10);
        List<LabelScore> scores = classifier.classify(doc, query);
        assertThat(scores).extracting(LabelScore::label).contains("beverages", "finance", "weather").doesNotContain("sports");
        LabelScore beverages = scores.stream().filter(s -> s.label().equals("beverages")).findFirst().orElseThrow();
        assertThat(beverages.probability()).isCloseTo(1 / (1 + Math.exp(-20.0 * 0.01)), Offset.offset(1e-6));
        assertThat(classifier.classify(doc, new LabelQuery(labels, List.of("{}"), LabelMode.MULTI, null, Map.of(), -1.0, 2))).hasSize(2);
    }

    @Test
    void badQueriesAreRefusedWithTheBadValue() {
        assertThatThrownBy(() -> LabelQuery.single(List.of(), List.of("{}"))).hasMessage("labels must not be empty");
        assertThatThrownBy(() -> LabelQuery.single(List.of("a", "a"), List.of("{}"))).hasMessage("labels must be unique, got 'a' twice");
        assertThatThrownBy(() -> LabelQuery.single(List.of("a"), List.of("a photo"))).hasMessage("template must contain '{}', got 'a photo'");
        assertThatThrownBy(() -> new LabelQuery(List.of("a"), List.of("{}"), LabelMode.SINGLE, 0.0, Map.of(), 0.2, 1))
                .hasMessage("temperature must be in (0, 100], got 0.0");
        assertThatThrownBy(() -> new LabelQuery(List.of("a"), List.of("{}"), LabelMode.MULTI, null, Map.of("b", 0.2), 0.2, 1))
                .hasMessage("threshold given for unknown label 'b'");
        List<String> tooMany = java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "label " + i).toList();
        assertThatThrownBy(() -> LabelQuery.single(tooMany, List.of("{}"))).hasMessage("labels must have at most 1000 entries, got 1001");
    }
}
