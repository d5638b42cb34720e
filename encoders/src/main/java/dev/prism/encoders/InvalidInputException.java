package dev.prism.encoders;

/**
 * The input itself is bad (undecodable image, over a limit, unsupported format). Retrying cannot help;
 * the record belongs in the dead-letter topic and an API caller gets a 4xx. Infrastructure failures
 * (ONNX Runtime, out of memory) are never reported with this type.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
