package dev.prism.encoders.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.encoders.TestModels;
import dev.prism.encoders.zeroshot.LabelQuery;
import dev.prism.encoders.zeroshot.LabelScore;
import dev.prism.encoders.zeroshot.ZeroShotClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped image tower of the built-in model: committed Noto emoji images rank their own caption first
 * among ten. Red apple, hot beverage and dog face are training concepts (seen in two other image files);
 * rainbow is a held-out concept the tower never saw in any style.
 */
class EmojiTowerTest {
    private static final List<String> CAPTIONS = List.of("red apple", "hot beverage", "dog face", "cat face", "banana", "automobile",
            "fire", "pizza", "rocket", "rainbow");

    @Test
    void imagesRankTheirOwnCaptionFirstAmongTen() throws Exception {
        EmbeddingModel model = TestModels.minilm();
        assertThat(model.image()).isPresent();
        assertThat(model.manifest().image().size()).isEqualTo(64);
        ZeroShotClassifier classifier = new ZeroShotClassifier(model);
        LabelQuery query = LabelQuery.single(CAPTIONS, List.of("a picture of {}"));
        for (String[] image : new String[][] {{"1F34E", "red apple"}, {"2615", "hot beverage"}, {"1F436", "dog face"}, {"1F308", "rainbow"}}) {
            byte[] png = TestModels.resource("/emoji/noto-" + image[0] + ".png");
            List<LabelScore> scores = classifier.classifyImage(png, query);
            assertThat(scores.get(0).label()).as("nearest caption of the " + image[1] + " image, scores " + scores).isEqualTo(image[1]);
        }
    }

    @Test
    void textToImageSearchInOneSpace() throws Exception {
        EmbeddingModel model = TestModels.minilm();
        float[] apple = model.requireImage().encode(TestModels.resource("/emoji/noto-1F34E.png"));
        float[] cup = model.requireImage().encode(TestModels.resource("/emoji/noto-2615.png"));
        float[] query = model.requireText().encode("a picture of hot beverage");
        assertThat(Vectors.dot(query, cup)).isGreaterThan(Vectors.dot(query, apple));
        assertThat(apple).hasSize(384);
    }
}
