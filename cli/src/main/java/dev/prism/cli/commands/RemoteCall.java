package dev.prism.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** POSTs JSON to the index service; prints the answer; exit 0 on 2xx, 1 otherwise (with the service's message). */
final class RemoteCall {
    private RemoteCall() {}

    static int post(String url, String path, String apiKey, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("X-API-Key", apiKey);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
            System.out.println(response.body());
            return 0;
        }
        System.err.println("prism: " + url + path + " answered " + response.statusCode() + ": " + response.body());
        return 1;
    }
}
