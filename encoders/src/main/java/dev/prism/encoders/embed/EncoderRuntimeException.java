package dev.prism.encoders.embed;

/** The model run itself failed (ONNX Runtime error, device failure): an infrastructure fault, not bad input. */
public class EncoderRuntimeException extends RuntimeException {
    public EncoderRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
