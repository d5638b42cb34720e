package dev.prism.index.store;

import com.fasterxml.jackson.databind.JsonNode;

/** A live document as stored: what {@code GET /v1/docs/{id}} returns (vector and thumbnail on request). */
public record StoredDoc(String id, long version, String modality, String model, JsonNode metadata, JsonNode tags, String text,
                        JsonNode source, float[] vector, byte[] thumbnail) {}
