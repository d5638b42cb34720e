package dev.prism.connectors.wire;

import java.util.List;

/** Per-document tags on {@code prism.tags}, for content teams: one event per (document, label set). */
public record TagEvent(String id, Modality modality, String labelSet, List<Label> labels) {
    public record Label(String label, double probability, double cosine) {}

    public TagEvent {
        labels = List.copyOf(labels);
    }
}
