package dev.prism.encoders.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prism.encoders.TestModels;
import dev.prism.encoders.model.ModelKind;
import dev.prism.encoders.text.TokenizedText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java (ONNX Runtime) vs torch on the tiny CLIP fixture: same ids and pixels, outputs within 1e-4. */
class TinyClipGoldenTest {
    private static final double TOLERANCE = 1e-4;
    private static JsonNode golden;
    private static EmbeddingModel model;

    @BeforeAll
    static void load() throws Exception {
        golden = new ObjectMapper().readTree(TestModels.resource("/models/tiny-clip/golden.json"));
        model = TestModels.tinyClip();
    }

    @Test
    void folderIsReadAsAnOptimumClipExport() {
        assertThat(model.manifest().kind()).isEqualTo(ModelKind.CLIP);
        assertThat(model.dimension()).isEqualTo(64);
        assertThat(model.manifest().maxTokens()).isEqualTo(77);
        assertThat(model.origin()).endsWith("(optimum-clip)");
    }

    @Test
    void textTowerMatchesTorch() {
        for (JsonNode row : golden.get("text")) {
            long[] ids = longs(row.get("input_ids"));
            float[] actual = model.requireText().rawEmbeddings(List.of(new TokenizedText(ids, new long[ids.length], false)))[0];
            assertClose(actual, row.get("text_embeds"), "text " + row.get("input_ids"));
        }
    }

    @Test
    void paddedBatchMatchesTorch() {
        JsonNode batch = golden.get("text_batch");
        List<TokenizedText> texts = new ArrayList<>();
        for (int r = 0; r < batch.get("input_ids").size(); r++) {
            JsonNode ids = batch.get("input_ids").get(r);
            JsonNode mask = batch.get("attention_mask").get(r);
            int length = 0;
            while (length < mask.size() && mask.get(length).asInt() == 1) {
                length++;
            }
            long[] unpadded = new long[length];
            for (int i = 0; i < length; i++) {
                unpadded[i] = ids.get(i).asLong();
            }
            texts.add(new TokenizedText(unpadded, new long[length], false));
        }
        float[][] actual = model.requireText().rawEmbeddings(texts);
        for (int r = 0; r < actual.length; r++) {
            assertClose(actual[r], batch.get("text_embeds").get(r), "batch row " + r);
        }
    }

    @Test
    void visionTowerMatchesTorch() {
        for (JsonNode row : golden.get("image")) {
            float[] pixels = syntheticPixels(row.get("seed").asInt());
            float[] actual = model.requireImage().rawEmbeddings(List.of(pixels))[0];
            assertClose(actual, row.get("image_embeds"), "image seed " + row.get("seed"));
        }
    }

    /** Same formula as make_tiny_clip.py's synthetic_pixels (computed in double, stored as float). */
    static float[] syntheticPixels(int seed) {
        float[] out = new float[3 * 224 * 224];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (Math.sin(0.001 * (i + 1) * (seed + 1)) * 2);
        }
        return out;
    }

    private static void assertClose(float[] actual, JsonNode expected, String what) {
        assertThat(actual).as(what + " dimension").hasSize(expected.size());
        double maxDelta = 0;
        for (int i = 0; i < actual.length; i++) {
            maxDelta = Math.max(maxDelta, Math.abs(actual[i] - expected.get(i).asDouble()));
        }
        assertThat(maxDelta).as(what + " max |delta| vs torch").isLessThanOrEqualTo(TOLERANCE);
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
