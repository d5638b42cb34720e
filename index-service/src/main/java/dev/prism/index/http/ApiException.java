package dev.prism.index.http;

/** An error answered with a JSON body {"error": {"status", "message"}}; the message names the bad value. */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, message);
    }
}
