package dev.prism.encoders.zeroshot;

import dev.prism.encoders.embed.EmbeddingModel;
import dev.prism.encoders.embed.TextEncoder;
import dev.prism.encoders.embed.Vectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zero-shot classification in the model's shared space. Each label's embedding is the renormalised mean
 * of its templates' embeddings (a prompt ensemble), cached per (model, labels, templates).
 * Single-label: softmax(scale · cosine) with scale = the model's logit scale (CLIP: 100) or 1/temperature.
 * Multi-label: labels whose cosine reaches their threshold, probability = sigmoid(scale · (cosine − threshold)),
 * so a label exactly at its threshold gets 0.5. Every result carries probability and raw cosine.
 */
public final class ZeroShotClassifier {
    private static final int CACHE_ENTRIES = 256;

    private final EmbeddingModel model;
    private final Map<String, float[][]> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[][]> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    public ZeroShotClassifier(EmbeddingModel model) {
        this.model = model;
    }

    public EmbeddingModel model() {
        return model;
    }

    /** Unit label embeddings, one per label, in label order; computed once per (model, labels, templates). */
    public float[][] labelEmbeddings(List<String> labels, List<String> templates) {
        String key = model.id() + "\u0000" + String.join("\u0001", labels) + "\u0000" + String.join("\u0001", templates);
        synchronized (cache) {
            float[][] cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        TextEncoder text = model.requireText();
        List<String> prompts = new ArrayList<>(labels.size() * templates.size());
        for (String label : labels) {
            for (String template : templates) {
                prompts.add(template.replace("{}", label));
            }
        }
        List<float[]> encoded = text.encodeAll(prompts);
        float[][] out = new float[labels.size()][];
        for (int l = 0; l < labels.size(); l++) {
            float[] mean = new float[model.dimension()];
            for (int t = 0; t < templates.size(); t++) {
                float[] v = Vectors.normalize(encoded.get(l * templates.size() + t).clone());
                for (int d = 0; d < mean.length; d++) {
                    mean[d] += v[d] / templates.size();
                }
            }
            out[l] = Vectors.normalize(mean);
        }
        synchronized (cache) {
            cache.put(key, out);
        }
        return out;
    }

    public List<LabelScore> classifyText(String text, LabelQuery query) {
        return classify(model.requireText().encode(text), query);
    }

    public List<LabelScore> classifyImage(byte[] image, LabelQuery query) {
        return classify(model.requireImage().encode(image), query);
    }

    /** Scores a document vector (unit length) against the query's labels; sorted best first, top-k. */
    public List<LabelScore> classify(float[] document, LabelQuery query) {
        if (document.length != model.dimension()) {
            throw new IllegalArgumentException("vector must have " + model.dimension() + " dimensions, got " + document.length);
        }
        float[][] labels = labelEmbeddings(query.labels(), query.templates());
        double scale = query.temperature() != null ? 1.0 / query.temperature() : model.manifest().logitScale();
        double[] cosines = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            cosines[i] = Vectors.dot(document, labels[i]);
        }
        List<LabelScore> scores = new ArrayList<>(labels.length);
        if (query.mode() == LabelMode.SINGLE) {
            double max = Double.NEGATIVE_INFINITY;
            for (double c : cosines) {
                max = Math.max(max, scale * c);
            }
            double sum = 0;
            double[] exp = new double[cosines.length];
            for (int i = 0; i < cosines.length; i++) {
                exp[i] = Math.exp(scale * cosines[i] - max);
                sum += exp[i];
            }
            for (int i = 0; i < cosines.length; i++) {
                scores.add(new LabelScore(query.labels().get(i), exp[i] / sum, cosines[i]));
            }
            scores.sort(Comparator.comparingDouble(LabelScore::probability).reversed());
        } else {
            for (int i = 0; i < cosines.length; i++) {
                String label = query.labels().get(i);
                double threshold = query.thresholdFor(label);
                if (cosines[i] >= threshold) {
                    scores.add(new LabelScore(label, 1.0 / (1.0 + Math.exp(-scale * (cosines[i] - threshold))), cosines[i]));
                }
            }
            scores.sort(Comparator.comparingDouble(LabelScore::cosine).reversed());
        }
        return scores.size() > query.topK() ? List.copyOf(scores.subList(0, query.topK())) : List.copyOf(scores);
    }
}
