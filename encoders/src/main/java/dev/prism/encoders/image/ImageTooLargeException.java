package dev.prism.encoders.image;

import dev.prism.encoders.InvalidInputException;

/** An image over the byte or pixel limit, refused before its pixels were allocated. */
public class ImageTooLargeException extends InvalidInputException {
    public ImageTooLargeException(String message) {
        super(message);
    }
}
