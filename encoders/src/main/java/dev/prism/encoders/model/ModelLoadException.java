package dev.prism.encoders.model;

/** A model folder or built-in model could not be loaded; the message says what is wrong and what was found. */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
