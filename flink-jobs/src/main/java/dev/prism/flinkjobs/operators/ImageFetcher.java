package dev.prism.flinkjobs.operators;

import dev.prism.encoders.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches images given by {@code image.uri} (http/https), with a timeout and a byte limit. A failed fetch
 * (bad status, too large, unreachable host) is the document's problem: the job cannot tell a dead link
 * from an outage of someone else's server, so it dead-letters the document with stage {@code fetch}.
 */
final class ImageFetcher {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private ImageFetcher() {}

    static CompletableFuture<byte[]> fetch(String uri, long maxBytes) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new InvalidInputException("image.uri " + uri + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new InvalidInputException("image.uri " + uri + " is over the limit of " + maxBytes + " bytes");
                }
                return bytes;
            } catch (IOException e) {
                throw new InvalidInputException("image.uri " + uri + " could not be read: " + e.getMessage(), e);
            }
        }).exceptionally(error -> {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            if (cause instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("image.uri " + uri + " could not be fetched: " + cause, cause);
        });
    }
}
