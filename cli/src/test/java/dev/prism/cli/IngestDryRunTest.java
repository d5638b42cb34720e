package dev.prism.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prism ingest --dry-run}: what would be sent, with client-side checks, and no broker. */
class IngestDryRunTest {
    @TempDir
    Path dir;

    @Test
    void jsonlLinesAreCheckedAndRoutedByModality() throws Exception {
        Path jsonl = dir.resolve("docs.jsonl");
        Files.writeString(jsonl, """
                {"id": "t1", "text": "a cup of tea", "metadata": {"lang": "en"}}
                {"id": "i1", "image": {"uri": "https://example.com/cup.jpg"}}

                {"id": "bad", "text": "x", "image": {"uri": "https://example.com/y.jpg"}}
                {"id": "gone", "op": "delete"}
                not json
                """);
        CliRunner.Run run = CliRunner.run("ingest", "--jsonl", jsonl.toString(), "--dry-run");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out().lines().toList()).containsExactly(
                "{\"topic\":\"prism.text\",\"key\":\"t1\",\"op\":\"upsert\",\"bytes\":80,\"origin\":\"docs.jsonl:1\"}",
                "{\"topic\":\"prism.images\",\"key\":\"i1\",\"op\":\"upsert\",\"bytes\":79,\"origin\":\"docs.jsonl:2\"}",
                "{\"topic\":\"prism.text\",\"key\":\"gone\",\"op\":\"delete\",\"bytes\":4,\"origin\":\"docs.jsonl:5\"}");
        assertThat(run.err()).contains(": 3 sent, 2 rejected, 0 failed (dry run)")
                .contains("rejected docs.jsonl:4: document has both 'text' and 'image'; send one per event")
                .contains("rejected docs.jsonl:6: invalid JSON: Unrecognized token 'not'");
    }

    @Test
    void textLinesAndDeletes() throws Exception {
        Path text = dir.resolve("lines.txt");
        Files.writeString(text, "first document\n\nsecond document\n");
        CliRunner.Run run = CliRunner.run("ingest", "--text", text.toString(), "--id-prefix", "news/", "--dry-run");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\"key\":\"news/lines.txt:1\"").contains("\"key\":\"news/lines.txt:3\"");

        Path ids = dir.resolve("ids.txt");
        Files.writeString(ids, "a\nb\n");
        CliRunner.Run deletes = CliRunner.run("ingest", "--delete", ids.toString(), "--topic", "prism.images", "--dry-run");
        assertThat(deletes.exit()).isZero();
        assertThat(deletes.out().lines().toList()).containsExactly(
                "{\"topic\":\"prism.images\",\"key\":\"a\",\"op\":\"delete\",\"bytes\":1,\"origin\":\"ids.txt:1\"}",
                "{\"topic\":\"prism.images\",\"key\":\"b\",\"op\":\"delete\",\"bytes\":1,\"origin\":\"ids.txt:2\"}");
    }

    @Test
    void missingBootstrapIsAClearError() throws Exception {
        Path text = dir.resolve("lines.txt");
        Files.writeString(text, "x\n");
        CliRunner.Run run = CliRunner.run("ingest", "--text", text.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("prism ingest: --bootstrap is required (or use --dry-run)");
    }
}
