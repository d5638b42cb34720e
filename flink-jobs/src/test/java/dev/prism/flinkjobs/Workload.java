package dev.prism.flinkjobs;

import dev.prism.connectors.wire.DocumentEvent;
import dev.prism.connectors.wire.ImageRef;
import dev.prism.connectors.wire.VectorRecord;
import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.Vectors;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.assertj.core.api.SoftAssertions;

/**
 * Deterministic document streams with creates, content updates, metadata-only updates and deletes, and the
 * oracle of their final state: for every id, its last event (events of one id are produced in order).
 * Ids with an even number carry explicit versions; the others are ordered by record timestamp and offset.
 */
final class Workload {
    private static final String[] WORDS = {"tea", "river", "engine", "garden", "violin", "market", "storm", "planet", "bread",
            "harbor", "lantern", "forest", "signal", "marble", "comet", "orchid", "canyon", "falcon", "meadow", "quartz"};

    private final Random random;
    private final Map<String, Integer> versions = new HashMap<>();

    Workload(long seed) {
        this.random = new Random(seed);
    }

    List<DocumentEvent> text(String prefix, int count) {
        List<DocumentEvent> events = new ArrayList<>();
        Map<String, String> live = new LinkedHashMap<>();
        int creates = count * 6 / 10;
        for (int i = 0; i < count; i++) {
            String id;
            DocumentEvent event;
            if (i < creates || live.isEmpty()) {
                id = prefix + i;
                String text = sentence(id, 0);
                live.put(id, text);
                event = version(DocumentEvent.text(id, text, Map.of("n", (long) i, "kind", "create")));
            } else {
                id = pick(live);
                int roll = random.nextInt(100);
                if (roll < 40) {
                    String text = sentence(id, i);
                    live.put(id, text);
                    event = version(DocumentEvent.text(id, text, Map.of("n", (long) i, "kind", "update")));
                } else if (roll < 70) {
                    event = version(DocumentEvent.text(id, live.get(id), Map.of("n", (long) i, "kind", "metadata")));
                } else {
                    live.remove(id);
                    event = version(DocumentEvent.delete(id));
                }
            }
            events.add(event);
        }
        return events;
    }

    List<DocumentEvent> images(String prefix, int count) {
        List<DocumentEvent> events = new ArrayList<>();
        Map<String, byte[]> live = new LinkedHashMap<>();
        int creates = count * 2 / 3;
        for (int i = 0; i < count; i++) {
            String id;
            DocumentEvent event;
            if (i < creates || live.isEmpty()) {
                id = prefix + i;
                byte[] image = image(i);
                live.put(id, image);
                event = version(DocumentEvent.image(id, ImageRef.ofBytes(image), Map.of("n", (long) i)));
            } else {
                id = pick(live);
                int roll = random.nextInt(100);
                if (roll < 50) {
                    byte[] image = image(1000 + i);
                    live.put(id, image);
                    event = version(DocumentEvent.image(id, ImageRef.ofBytes(image), Map.of("n", (long) i)));
                } else if (roll < 75) {
                    event = version(DocumentEvent.image(id, ImageRef.ofBytes(live.get(id)), Map.of("n", (long) i, "kind", "metadata")));
                } else {
                    live.remove(id);
                    event = version(DocumentEvent.delete(id));
                }
            }
            events.add(event);
        }
        return events;
    }

    private <T> String pick(Map<String, T> live) {
        List<String> ids = new ArrayList<>(live.keySet());
        return ids.get(random.nextInt(ids.size()));
    }

    private DocumentEvent version(DocumentEvent e) {
        int number = Integer.parseInt(e.id().replaceAll("\\D", ""));
        if (number % 2 != 0) {
            return e;
        }
        int v = versions.merge(e.id(), 1, Integer::sum);
        return new DocumentEvent(e.id(), e.op(), e.text(), e.image(), e.metadata(), e.ts(), (long) v);
    }

    private String sentence(String id, int salt) {
        StringBuilder s = new StringBuilder("document ").append(id).append(" speaks of");
        int words = 3 + random.nextInt(12);
        for (int w = 0; w < words; w++) {
            s.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.append(" (").append(salt).append(')').toString();
    }

    static byte[] image(int seed) {
        Random r = new Random(seed);
        BufferedImage image = new BufferedImage(40 + r.nextInt(40), 30 + r.nextInt(40), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(r.nextInt(0xffffff)));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int k = 0; k < 4; k++) {
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(r.nextInt(image.getWidth()), r.nextInt(image.getHeight()), 5 + r.nextInt(30), 5 + r.nextInt(30));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, seed % 2 == 0 ? "png" : "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Final state per id: the last event sent for it (null = deleted). */
    static Map<String, PipelineHarness.Sent> oracle(List<PipelineHarness.Sent> sent) {
        Map<String, PipelineHarness.Sent> last = new LinkedHashMap<>();
        for (PipelineHarness.Sent s : sent) {
            last.put(s.event().id(), s);
        }
        Map<String, PipelineHarness.Sent> live = new LinkedHashMap<>();
        last.forEach((id, s) -> {
            if (!s.event().isDelete()) {
                live.put(id, s);
            }
        });
        return live;
    }

    /** True once every expected id is in the view with its final version and nothing else is. */
    static boolean converged(Map<String, VectorRecord> view, Map<String, PipelineHarness.Sent> expected) {
        if (!view.keySet().equals(expected.keySet())) {
            return false;
        }
        for (Map.Entry<String, PipelineHarness.Sent> e : expected.entrySet()) {
            VectorRecord r = view.get(e.getKey());
            if (r.version() != e.getValue().version() || r.source().offset() != e.getValue().offset()) {
                return false;
            }
        }
        return true;
    }

    /** Exact comparison with the oracle; vectors against a direct encoding with the same model. */
    static void assertMatches(Map<String, VectorRecord> view, Map<String, PipelineHarness.Sent> expected, EmbeddingModel model) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(view.keySet()).as("ids in the vector view").isEqualTo(expected.keySet());
        for (Map.Entry<String, PipelineHarness.Sent> e : expected.entrySet()) {
            VectorRecord r = view.get(e.getKey());
            if (r == null) {
                continue;
            }
            DocumentEvent event = e.getValue().event();
            soft.assertThat(r.version()).as("version of " + e.getKey()).isEqualTo(e.getValue().version());
            soft.assertThat(r.source().topic()).as("source topic of " + e.getKey()).isEqualTo(e.getValue().topic());
            soft.assertThat(r.source().offset()).as("source offset of " + e.getKey()).isEqualTo(e.getValue().offset());
            soft.assertThat(r.metadata()).as("metadata of " + e.getKey()).isEqualTo(event.metadata());
            soft.assertThat(r.modelId()).isEqualTo(model.id());
            float[] direct = event.text() != null ? model.requireText().encode(event.text())
                    : model.requireImage().encode(event.image().bytes());
            soft.assertThat(Vectors.cosine(r.vector(), direct)).as("cosine vs direct encoding of " + e.getKey())
                    .isGreaterThanOrEqualTo(0.9999);
            if (event.image() != null) {
                soft.assertThat(r.thumbnail()).as("thumbnail of " + e.getKey()).isNotNull();
                soft.assertThat(r.thumbnail().length).isLessThanOrEqualTo(16 * 1024);
            }
        }
        soft.assertAll();
    }
}
