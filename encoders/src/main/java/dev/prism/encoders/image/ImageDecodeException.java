package dev.prism.encoders.image;

import dev.prism.encoders.InvalidInputException;

/** The bytes are not a decodable image of a supported format; the message says what was found. */
public class ImageDecodeException extends InvalidInputException {
    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
