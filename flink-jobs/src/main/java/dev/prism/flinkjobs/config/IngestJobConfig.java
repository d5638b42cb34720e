package dev.prism.flinkjobs.config;

import dev.prism.encoders.batch.BatcherConfig;
import dev.prism.encoders.embed.EncoderOptions;
import dev.prism.encoders.image.ImageLimits;
import dev.prism.encoders.onnx.Device;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The IngestJob's settings, read from an optional properties file ({@code --config FILE}) and then
 * command-line arguments ({@code --prism.model minilm} or {@code --model=minilm}; the {@code prism.}
 * prefix may be left out). Unknown keys and bad values fail with a message that names them.
 * Immutable and serializable as plain strings (it travels inside operators).
 */
public final class IngestJobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> values;
    private transient Configuration configuration;

    private IngestJobConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        validate();
    }

    public static IngestJobConfig of(Map<String, String> values) {
        Map<String, String> normalised = new TreeMap<>();
        values.forEach((k, v) -> normalised.put(normaliseKey(k), v));
        return new IngestJobConfig(normalised);
    }

    public static IngestJobConfig fromArgs(String[] args) throws IOException {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> fromArgs = new TreeMap<>();
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got '" + arg + "'");
            }
            String key;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
                key = arg.substring(2);
                value = args[++i];
            }
            if (key.equals("config")) {
                file = Path.of(value);
            } else {
                fromArgs.put(normaliseKey(key), value);
            }
        }
        if (file != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            }
            props.forEach((k, v) -> values.put(normaliseKey(k.toString()), v.toString()));
        }
        values.putAll(fromArgs); // command line wins over the file
        return new IngestJobConfig(values);
    }

    private static String normaliseKey(String key) {
        return key.startsWith("prism.") ? key : "prism." + key;
    }

    private void validate() {
        TreeSet<String> known = new TreeSet<>();
        IngestJobOptions.all().forEach(o -> known.add(o.key()));
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; known settings: " + known);
            }
        }
        Configuration conf = configuration();
        for (ConfigOption<?> option : IngestJobOptions.all()) {
            try {
                conf.get(option);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad value for " + option.key() + ": '" + values.get(option.key()) + "' ("
                        + e.getMessage() + ")", e);
            }
        }
        if (get(IngestJobOptions.BOOTSTRAP_SERVERS) == null) {
            throw new IllegalArgumentException(IngestJobOptions.BOOTSTRAP_SERVERS.key() + " is required");
        }
        String guarantee = get(IngestJobOptions.DELIVERY_GUARANTEE);
        if (!guarantee.equals("AT_LEAST_ONCE") && !guarantee.equals("EXACTLY_ONCE")) {
            throw new IllegalArgumentException(IngestJobOptions.DELIVERY_GUARANTEE.key() + " must be AT_LEAST_ONCE or EXACTLY_ONCE, got '"
                    + guarantee + "'");
        }
        int capacity = get(IngestJobOptions.ASYNC_CAPACITY);
        if (capacity < 1 || capacity > 100_000) {
            throw new IllegalArgumentException(IngestJobOptions.ASYNC_CAPACITY.key() + " must be in [1, 100000], got " + capacity);
        }
        Device.parse(get(IngestJobOptions.DEVICE));
        batcherConfig(); // checks its own bounds
    }

    private Configuration configuration() {
        if (configuration == null) {
            configuration = Configuration.fromMap(values);
        }
        return configuration;
    }

    public <T> T get(ConfigOption<T> option) {
        return configuration().get(option);
    }

    public IngestJobConfig with(ConfigOption<?> option, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(option.key(), value);
        return new IngestJobConfig(copy);
    }

    public Map<String, String> values() {
        return values;
    }

    public BatcherConfig batcherConfig() {
        return new BatcherConfig(get(IngestJobOptions.BATCH_MAX_SIZE), get(IngestJobOptions.BATCH_MAX_DELAY),
                get(IngestJobOptions.BATCH_MAX_IN_FLIGHT));
    }

    public EncoderOptions encoderOptions() {
        String tokenizer = get(IngestJobOptions.TOKENIZER);
        return new EncoderOptions(Device.parse(get(IngestJobOptions.DEVICE)), get(IngestJobOptions.DEVICE_REQUIRED), 0,
                batcherConfig(), ImageLimits.DEFAULT, tokenizer == null ? null : Path.of(tokenizer));
    }

    public Duration asyncTimeout() {
        return get(IngestJobOptions.ASYNC_TIMEOUT);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
