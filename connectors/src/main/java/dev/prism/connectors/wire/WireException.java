package dev.prism.connectors.wire;

/** A record that does not follow the wire format; the message names the field and the bad value. */
public class WireException extends RuntimeException {
    public WireException(String message) {
        super(message);
    }
}
