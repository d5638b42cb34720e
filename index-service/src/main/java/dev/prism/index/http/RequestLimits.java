package dev.prism.index.http;

/** Limits of the HTTP API; each violation is answered 400 or 413 with a message naming the limit. */
public record RequestLimits(long maxBodyBytes, int maxTextChars, long maxImageBytes, long maxImagePixels, int maxLabels) {
    public static final RequestLimits DEFAULT = new RequestLimits(30L * 1000 * 1000, 10_000, 20L * 1000 * 1000, 40L * 1000 * 1000, 1000);
}
