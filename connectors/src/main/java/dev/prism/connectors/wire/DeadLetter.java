package dev.prism.connectors.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record Prism could not process, on {@code prism.dlq}: at which stage, why (exception class and
 * message), where it came from, and its payload truncated to a configured size ({@code payloadSize} is
 * the original length).
 */
public record DeadLetter(String stage, String errorClass, String errorMessage, SourceRef source, byte[] payload,
                         int payloadSize, long ts) {

    public static final String STAGE_PARSE = "parse";
    public static final String STAGE_ENCODE = "encode";

    public static DeadLetter of(String stage, Throwable error, SourceRef source, byte[] payload, int maxPayloadBytes, long ts) {
        byte[] kept = payload == null ? null : Arrays.copyOf(payload, Math.min(payload.length, maxPayloadBytes));
        return new DeadLetter(stage, error.getClass().getName(), String.valueOf(error.getMessage()), source, kept,
                payload == null ? 0 : payload.length, ts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && stage.equals(d.stage) && errorClass.equals(d.errorClass)
                && errorMessage.equals(d.errorMessage) && Objects.equals(source, d.source) && Arrays.equals(payload, d.payload)
                && payloadSize == d.payloadSize && ts == d.ts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, errorClass, errorMessage, source, Arrays.hashCode(payload), payloadSize, ts);
    }

    @Override
    public String toString() {
        return "DeadLetter[" + stage + " " + source + ": " + errorMessage + "]";
    }
}
