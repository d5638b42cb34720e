package dev.prism.encoders.zeroshot;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to classify against: labels, prompt templates ({@code {}} is replaced by the label; several
 * templates form an ensemble), mode, optional temperature (default: the model's logit scale), per-label
 * cosine thresholds for multi-label mode (default {@code defaultThreshold}), and how many labels to return.
 */
public record LabelQuery(
        List<String> labels,
        List<String> templates,
        LabelMode mode,
        Double temperature,
        Map<String, Double> thresholds,
        double defaultThreshold,
        int topK) {

    public static final int MAX_LABELS = 1000;
    public static final int MAX_TEMPLATES = 100;
    public static final double DEFAULT_THRESHOLD = 0.25;

    public LabelQuery {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be empty");
        }
        if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException("labels must have at most " + MAX_LABELS + " entries, got " + labels.size());
        }
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("labels must not contain an empty label");
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("labels must be unique, got '" + label + "' twice");
            }
        }
        if (templates == null || templates.isEmpty()) {
            throw new IllegalArgumentException("templates must not be empty");
        }
        if (templates.size() > MAX_TEMPLATES) {
            throw new IllegalArgumentException("templates must have at most " + MAX_TEMPLATES + " entries, got " + templates.size());
        }
        for (String template : templates) {
            if (template == null || !template.contains("{}")) {
                throw new IllegalArgumentException("template must contain '{}', got '" + template + "'");
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must be 'single' or 'multi', got null");
        }
        if (temperature != null && (!(temperature > 0) || temperature > 100)) {
            throw new IllegalArgumentException("temperature must be in (0, 100], got " + temperature);
        }
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        for (Map.Entry<String, Double> t : thresholds.entrySet()) {
            if (!seen.contains(t.getKey())) {
                throw new IllegalArgumentException("threshold given for unknown label '" + t.getKey() + "'");
            }
            if (t.getValue() == null || t.getValue() < -1 || t.getValue() > 1) {
                throw new IllegalArgumentException("threshold for '" + t.getKey() + "' must be in [-1, 1], got " + t.getValue());
            }
        }
        if (defaultThreshold < -1 || defaultThreshold > 1) {
            throw new IllegalArgumentException("threshold must be in [-1, 1], got " + defaultThreshold);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("top_k must be >= 1, got " + topK);
        }
        labels = List.copyOf(labels);
        templates = List.copyOf(templates);
    }

    /** Single-label query over the model's default templates, all labels returned. */
    public static LabelQuery single(List<String> labels, List<String> templates) {
        return new LabelQuery(labels, templates, LabelMode.SINGLE, null, Map.of(), DEFAULT_THRESHOLD, labels.size());
    }

    public double thresholdFor(String label) {
        return thresholds.getOrDefault(label, defaultThreshold);
    }
}
