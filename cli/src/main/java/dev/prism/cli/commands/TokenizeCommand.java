package dev.prism.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prism.cli.Json;
import dev.prism.encoders.text.ClipTokenizerJson;
import dev.prism.encoders.text.TextTokenizer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code prism tokenize --tokenizer PATH --jsonl IN}: one {"text", "ids"} line per input line; ids with
 * start/end tokens, untruncated. PATH is a tokenizer.json or OpenAI's BPE merges file (CLIP).
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Tokenize each {\"text\": ...} line of a JSONL file; prints {\"text\", \"ids\"} per line (untruncated).")
public final class TokenizeCommand implements Callable<Integer> {
    @Option(names = "--tokenizer", required = true, paramLabel = "PATH",
            description = "tokenizer.json, or OpenAI's bpe_simple_vocab_16e6.txt.gz (builds the CLIP tokenizer).")
    Path tokenizer;

    @Option(names = "--jsonl", required = true, paramLabel = "IN", description = "Input: one JSON object with a \"text\" field per line.")
    Path jsonl;

    @Override
    public Integer call() throws Exception {
        String name = tokenizer.getFileName().toString();
        byte[] json;
        boolean clip;
        if (name.endsWith(".txt.gz") || name.endsWith(".txt")) {
            try (InputStream in = Files.newInputStream(tokenizer)) {
                json = ClipTokenizerJson.fromMerges(in);
            }
            clip = true;
        } else {
            json = Files.readAllBytes(tokenizer);
            clip = new String(json, StandardCharsets.UTF_8).contains(ClipTokenizerJson.START);
        }
        int lineNumber = 0;
        try (TextTokenizer tokens = TextTokenizer.fromJson(json, 0, clip);
             BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = Json.MAPPER.readTree(line);
                if (!row.path("text").isTextual()) {
                    throw new IllegalArgumentException(jsonl + " line " + lineNumber + " has no string field \"text\"");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("text", row.get("text").asText());
                out.put("ids", tokens.tokenize(row.get("text").asText()).ids());
                System.out.println(Json.line(out));
            }
        }
        return 0;
    }
}
