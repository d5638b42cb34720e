package dev.prism.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Real English sentences for benchmarks, cut from text files (plain or .gz): by default the licence
 * texts and package documentation every Debian system carries. Deterministic: files in sorted order,
 * sentences deduplicated in order of appearance.
 */
final class BenchCorpus {
    static final List<Path> DEFAULT_SOURCES = List.of(Path.of("/usr/share/common-licenses"), Path.of("/usr/share/doc"));
    private static final Pattern SENTENCE = Pattern.compile("[A-Z][^.!?]{25,400}[.!?]");
    private static final long MAX_FILE_BYTES = 2_000_000;

    private BenchCorpus() {}

    static List<String> load(List<Path> sources, int wanted) throws IOException {
        Set<String> sentences = new LinkedHashSet<>();
        for (Path source : sources) {
            if (!Files.exists(source)) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(source)) {
                walk.filter(Files::isRegularFile).filter(BenchCorpus::isText).sorted().forEach(files::add);
            }
            for (Path file : files) {
                if (sentences.size() >= wanted) {
                    break;
                }
                String text = read(file).replaceAll("\\s+", " ");
                Matcher m = SENTENCE.matcher(text);
                while (m.find() && sentences.size() < wanted) {
                    sentences.add(m.group());
                }
            }
        }
        if (sentences.size() < wanted) {
            throw new IllegalArgumentException("found only " + sentences.size() + " sentences in " + sources + ", wanted " + wanted
                    + "; pass --corpus with more text files");
        }
        return new ArrayList<>(sentences);
    }

    private static boolean isText(Path path) {
        String name = path.getFileName().toString();
        return !Files.isSymbolicLink(path) && (name.equals("copyright") || name.startsWith("README") || name.endsWith(".txt")
                || name.startsWith("changelog") || name.startsWith("NEWS") || !name.contains("."));
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return "";
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = file.toString().endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            return ""; // unreadable documentation file: skip it
        }
    }
}
