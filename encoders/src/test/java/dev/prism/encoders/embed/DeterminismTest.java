package dev.prism.encoders.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.encoders.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same input → same vector: twice in a row, and alone vs inside a padded batch (max |Δ| ≤ 1e-5). */
class DeterminismTest {
    private static final float TOLERANCE = 1e-5f;

    @Test
    void minilmTextAloneVsBatch() throws Exception {
        TextEncoder encoder = TestModels.minilm().requireText();
        List<String> texts = ParitySentences.load().subList(0, 40);
        List<float[]> batch = encoder.encodeAll(texts, 40);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = encoder.encode(texts.get(i));
            assertThat(maxDelta(alone, encoder.encode(texts.get(i)))).as("twice: " + texts.get(i)).isZero();
            assertThat(maxDelta(alone, batch.get(i))).as("alone vs batch: " + texts.get(i)).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void clipTextAndImageAloneVsBatch() throws Exception {
        EmbeddingModel clip = TestModels.tinyClip();
        List<String> texts = List.of("a photo of a cat.", "a photo of a dog sleeping on a red sofa in the afternoon.", "x");
        List<float[]> batch = clip.requireText().encodeAll(texts, 3);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(maxDelta(clip.requireText().encode(texts.get(i)), batch.get(i))).isLessThanOrEqualTo(TOLERANCE);
        }
        List<byte[]> images = new ArrayList<>();
        for (String name : List.of("baseline_420.jpg", "rgba.png", "animated.gif")) {
            images.add(TestModels.resource("/images/input/" + name));
        }
        List<float[]> imageBatch = clip.requireImage().encodeAll(images);
        for (int i = 0; i < images.size(); i++) {
            float[] alone = clip.requireImage().encode(images.get(i));
            assertThat(maxDelta(alone, clip.requireImage().encode(images.get(i)))).isZero();
            assertThat(maxDelta(alone, imageBatch.get(i))).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    static float maxDelta(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
