package dev.prism.encoders.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Builds a Hugging Face {@code tokenizer.json} for CLIP from OpenAI's BPE merges file
 * ({@code bpe_simple_vocab_16e6.txt.gz}), for CLIP folders that ship no tokenizer.json.
 *
 * <p>The vocabulary follows OpenAI's {@code SimpleTokenizer}: the 256 byte-level symbols in
 * {@code bytes_to_unicode} order, the same with {@code </w>}, one token per merge (the first 48,894
 * merge lines after the header), then {@code <|startoftext|>} and {@code <|endoftext|>}. Text is
 * normalised (NFC, whitespace runs to one space, lower case), split with OpenAI's regular expression,
 * byte-level encoded, and wrapped in start/end tokens.
 */
public final class ClipTokenizerJson {
    public static final String START = "<|startoftext|>";
    public static final String END = "<|endoftext|>";
    static final int MERGES = 49152 - 256 - 2;
    private static final String SPLIT_PATTERN =
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

    private ClipTokenizerJson() {}

    /** Reads a merges file, gzipped or plain (detected by its magic bytes). */
    public static byte[] fromMerges(InputStream mergesFile) throws IOException {
        InputStream in = mergesFile.markSupported() ? mergesFile : new java.io.BufferedInputStream(mergesFile);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                gzip ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
            List<String> merges = new ArrayList<>(MERGES);
            reader.readLine(); // header line ("#version: ...")
            String line;
            while (merges.size() < MERGES && (line = reader.readLine()) != null) {
                if (line.split(" ").length != 2) {
                    throw new IOException("merges line " + (merges.size() + 2) + " is not two symbols: '" + line + "'");
                }
                merges.add(line);
            }
            if (merges.size() < MERGES) {
                throw new IOException("merges file has " + merges.size() + " merges, CLIP needs " + MERGES);
            }
            return build(merges);
        }
    }

    static byte[] build(List<String> merges) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        List<String> byteSymbols = bytesToUnicodeOrder();
        for (String symbol : byteSymbols) {
            vocab.put(symbol, vocab.size());
        }
        for (String symbol : byteSymbols) {
            vocab.put(symbol + "</w>", vocab.size());
        }
        for (String merge : merges) {
            vocab.putIfAbsent(merge.replace(" ", ""), vocab.size());
        }
        int startId = vocab.size();
        vocab.put(START, startId);
        vocab.put(END, startId + 1);

        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        addSpecial(added, startId, START);
        addSpecial(added, startId + 1, END);

        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Sequence");
        ArrayNode normalizers = normalizer.putArray("normalizers");
        normalizers.addObject().put("type", "NFC");
        ObjectNode whitespace = normalizers.addObject();
        whitespace.put("type", "Replace");
        whitespace.putObject("pattern").put("Regex", "\\s+");
        whitespace.put("content", " ");
        normalizers.addObject().put("type", "Lowercase");

        ObjectNode preTokenizer = root.putObject("pre_tokenizer");
        preTokenizer.put("type", "Sequence");
        ArrayNode preTokenizers = preTokenizer.putArray("pretokenizers");
        ObjectNode split = preTokenizers.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_PATTERN);
        split.put("behavior", "Removed");
        split.put("invert", true);
        ObjectNode byteLevel = preTokenizers.addObject();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", false);

        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", START).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", END).put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", START).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", END).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", END).put("type_id", 0);
        ObjectNode specials = post.putObject("special_tokens");
        for (String token : List.of(START, END)) {
            ObjectNode special = specials.putObject(token);
            special.put("id", token);
            special.putArray("ids").add(vocab.get(token));
            special.putArray("tokens").add(token);
        }

        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", false);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", false);

        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", END);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "</w>");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        ArrayNode mergesNode = model.putArray("merges");
        merges.forEach(mergesNode::add);
        return json.writeValueAsBytes(root);
    }

    private static void addSpecial(ArrayNode added, int id, String content) {
        ObjectNode token = added.addObject();
        token.put("id", id);
        token.put("content", content);
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", true);
        token.put("special", true);
    }

    /** OpenAI's bytes_to_unicode(): printable bytes map to themselves, the rest to 256 + n, in this order. */
    static List<String> bytesToUnicodeOrder() {
        List<Integer> bytes = new ArrayList<>();
        List<Integer> chars = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bytes.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bytes.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bytes.add(b);
        }
        chars.addAll(bytes);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bytes.contains(b)) {
                bytes.add(b);
                chars.add(256 + n);
                n++;
            }
        }
        List<String> symbols = new ArrayList<>(256);
        for (int c : chars) {
            symbols.add(new String(Character.toChars(c)));
        }
        return symbols;
    }
}
