package dev.prism.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prism.index.http.ApiKeys;
import dev.prism.index.http.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexServiceConfigTest {
    @TempDir
    Path dir;

    @Test
    void refusesToStartWithoutKeysUnlessDevAndBindsLoopbackByDefault() throws Exception {
        assertThatThrownBy(() -> IndexServiceMain.parse(new String[] {"--data-dir", dir.toString(), "--bootstrap", "k:9092"}))
                .hasMessage("no API keys configured: pass --api-keys FILE (lines 'read:KEY' or 'admin:KEY'), or --dev to run without authentication");
        IndexServiceConfig dev = IndexServiceMain.parse(new String[] {"--data-dir", dir.toString(), "--bootstrap", "k:9092", "--dev"});
        assertThat(dev.host()).isEqualTo("127.0.0.1");
        assertThat(dev.apiKeys()).isNull();
        assertThatThrownBy(() -> IndexServiceMain.parse(new String[] {"--data-dir", dir.toString(), "--bootstrap", "k:9092", "--dev", "--hnsw-m", "1"}))
                .hasMessage("hnsw M must be in [2, 512], got 1");
        assertThatThrownBy(() -> IndexServiceMain.parse(new String[] {"--data-dir", dir.toString(), "--bogus", "1"}))
                .hasMessageStartingWith("unknown option --bogus");
    }

    @Test
    void keyFileRolesAndConstantTimeMatching() throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# comment\nread:aaaaaaaaaaaaaaaaaaaa\nadmin:bbbbbbbbbbbbbbbbbbbb\n");
        ApiKeys keys = ApiKeys.load(file);
        assertThat(keys.roleOf("aaaaaaaaaaaaaaaaaaaa")).isEqualTo(Role.READ);
        assertThat(keys.roleOf("bbbbbbbbbbbbbbbbbbbb")).isEqualTo(Role.ADMIN);
        assertThat(keys.roleOf("aaaaaaaaaaaaaaaaaaab")).isNull();
        assertThat(keys.roleOf(null)).isNull();
        Files.writeString(file, "write:cccccccccccccccccccc\n");
        assertThatThrownBy(() -> ApiKeys.load(file)).hasMessage(file + " line 1: expected 'read:KEY' or 'admin:KEY'");
        Files.writeString(file, "read:short\n");
        assertThatThrownBy(() -> ApiKeys.load(file)).hasMessage(file + " line 1: keys must have at least 16 characters");
    }
}
