package dev.prism.encoders.embed;

import dev.prism.encoders.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parity corpus: the committed varied sentences (short, unicode, punctuation-only, code, emoji),
 * plus long texts made by joining consecutive sentences, from ~30 up to ~500 tokens.
 */
final class ParitySentences {
    private ParitySentences() {}

    static List<String> load() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : new String(TestModels.resource("/text/parity-sentences.txt"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        List<String> all = new ArrayList<>(lines);
        for (int i = 0; i < 100; i++) {
            int count = 2 + i % 42; // 2..43 sentences: up to roughly 500 tokens
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < count; j++) {
                text.append(lines.get((i * 7 + j) % lines.size())).append(' ');
            }
            all.add(text.toString().trim());
        }
        return all;
    }
}
