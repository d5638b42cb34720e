package dev.prism.connectors.wire;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A label set on the compacted {@code prism.labelsets} topic (key = name). {@code modalities} (an
 * addition to the architecture's field list, optional, default both) says which documents it tags.
 */
public record LabelSetRecord(
        String name,
        long version,
        List<String> labels,
        List<String> templates,
        String mode,
        Double temperature,
        Map<String, Double> thresholds,
        Set<Modality> modalities) {

    public LabelSetRecord {
        labels = List.copyOf(labels);
        templates = List.copyOf(templates);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        modalities = modalities == null || modalities.isEmpty() ? Set.of(Modality.TEXT, Modality.IMAGE) : Set.copyOf(modalities);
    }

    /** name@version, as written in tags. */
    public String ref() {
        return name + "@" + version;
    }
}
