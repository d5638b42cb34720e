package dev.prism.encoders.zeroshot;

/** One label's result: calibrated probability and the raw cosine similarity it came from. */
public record LabelScore(String label, double probability, double cosine) {}
