package dev.prism.index;

import dev.prism.encoders.onnx.Device;
import dev.prism.index.http.ApiKeys;
import dev.prism.index.http.RequestLimits;
import dev.prism.index.store.IndexSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the index service needs. {@code model} null = no query model (vector and id queries only);
 * {@code apiKeys} null is allowed only with {@code dev} (no authentication).
 */
public record IndexServiceConfig(
        Path dataDir,
        String bootstrap,
        String topic,
        List<Integer> partitions,
        String model,
        Device device,
        String host,
        int port,
        ApiKeys apiKeys,
        boolean dev,
        IndexSettings index,
        RequestLimits limits) {

    public IndexServiceConfig {
        if (dataDir == null) {
            throw new IllegalArgumentException("a data folder is required (--data-dir)");
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are required (--bootstrap)");
        }
        if (apiKeys == null && !dev) {
            throw new IllegalArgumentException("no API keys configured: pass --api-keys FILE (lines 'read:KEY' or 'admin:KEY'), "
                    + "or --dev to run without authentication");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
    }
}
