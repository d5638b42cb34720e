package dev.prism.index.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * API keys with two roles. Keys are held only as SHA-256 digests and compared in constant time against
 * every configured key (no early exit that would reveal which key or how many characters matched); they
 * are never logged. File format: one {@code read:KEY} or {@code admin:KEY} per line, {@code #} comments.
 */
public final class ApiKeys {
    private record Entry(byte[] digest, Role role) {}

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ApiKeys load(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String role = colon < 0 ? "" : trimmed.substring(0, colon);
            String key = colon < 0 ? "" : trimmed.substring(colon + 1);
            if (!role.equals("read") && !role.equals("admin")) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": expected 'read:KEY' or 'admin:KEY'");
            }
            if (key.length() < 16) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": keys must have at least 16 characters");
            }
            entries.add(new Entry(digest(key), role.equals("admin") ? Role.ADMIN : Role.READ));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no keys");
        }
        return new ApiKeys(entries);
    }

    public static ApiKeys of(String readKey, String adminKey) {
        return new ApiKeys(List.of(new Entry(digest(readKey), Role.READ), new Entry(digest(adminKey), Role.ADMIN)));
    }

    /** The role of a presented key, or null when it matches none. */
    public Role roleOf(String presented) {
        if (presented == null) {
            return null;
        }
        byte[] digest = digest(presented);
        Role match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                match = entry.role();
            }
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
