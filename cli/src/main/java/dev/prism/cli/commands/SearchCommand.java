package dev.prism.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prism.cli.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prism search --url URL --text T}: query a running index service; prints its JSON answer. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search a running index service (POST /v1/search).")
public final class SearchCommand implements Callable<Integer> {
    static final class Query {
        @Option(names = "--text", description = "Text query.")
        String text;

        @Option(names = "--image", description = "Image file to search with.")
        Path image;

        @Option(names = "--id", description = "More like this document.")
        String id;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Query query;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Index service. Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:PRISM_API_KEY}", description = "API key (default: $PRISM_API_KEY).")
    String apiKey;

    @Option(names = "--k", defaultValue = "10", description = "Results. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--num-candidates", description = "HNSW candidates (default: the service's).")
    Integer numCandidates;

    @Option(names = "--filter", description = "Filter as JSON, e.g. '{\"modality\":\"image\",\"tags\":[\"drinks\"]}'.")
    String filter;

    @Option(names = "--hybrid", description = "BM25 + vector (text queries).")
    boolean hybrid;

    @Override
    public Integer call() throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode().put("k", k);
        if (query.text != null) {
            body.put("text", query.text);
        } else if (query.image != null) {
            body.put("image", Base64.getEncoder().encodeToString(Files.readAllBytes(query.image)));
        } else {
            body.put("id", query.id);
        }
        if (numCandidates != null) {
            body.put("num_candidates", numCandidates);
        }
        if (filter != null) {
            body.set("filter", Json.MAPPER.readTree(filter));
        }
        if (hybrid) {
            body.put("hybrid", true);
        }
        return RemoteCall.post(url, "/v1/search", apiKey, body);
    }
}
