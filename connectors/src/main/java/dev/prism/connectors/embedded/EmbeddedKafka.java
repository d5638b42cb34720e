package dev.prism.connectors.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) from the {@code kafka_2.13}
 * artifact, on loopback. The first start formats its data folder and picks free ports; both are kept in
 * {@code prism-embedded-kafka.properties} inside the folder, so a restart on the same folder comes back
 * with the same data, cluster id and bootstrap address. Used by tests and by local mode.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String STATE_FILE = "prism-embedded-kafka.properties";

    private final Path dataDir;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;
    private int brokerPort;
    private int controllerPort;

    private EmbeddedKafka(Path dataDir, Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.overrides = Map.copyOf(overrides);
    }

    /** Starts a broker on {@code dataDir} (formatted on first use); {@code overrides} are extra broker settings. */
    public static EmbeddedKafka start(Path dataDir, Map<String, String> overrides) throws IOException {
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, overrides);
        kafka.startServer();
        return kafka;
    }

    public static EmbeddedKafka start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Stops the broker cleanly; the data folder stays, ready for {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("embedded Kafka on {} stopped", bootstrapServers());
        }
    }

    /** Starts again on the same folder and ports after {@link #stop()}. */
    public synchronized void restart() throws IOException {
        if (server != null) {
            throw new IllegalStateException("embedded Kafka is running; stop it first");
        }
        startServer();
    }

    private synchronized void startServer() throws IOException {
        Files.createDirectories(dataDir);
        Path logDir = dataDir.resolve("kraft-logs");
        Path stateFile = dataDir.resolve(STATE_FILE);
        Properties state = new Properties();
        if (Files.exists(stateFile)) {
            try (InputStream in = Files.newInputStream(stateFile)) {
                state.load(in);
            }
        } else {
            state.setProperty("cluster.id", Uuid.randomUuid().toString());
            state.setProperty("broker.port", Integer.toString(freePort()));
            state.setProperty("controller.port", Integer.toString(freePort()));
        }
        brokerPort = Integer.parseInt(state.getProperty("broker.port"));
        controllerPort = Integer.parseInt(state.getProperty("controller.port"));
        Properties props = brokerProperties(logDir);
        if (!Files.exists(stateFile)) {
            format(state.getProperty("cluster.id"), logDir);
            try (OutputStream out = Files.newOutputStream(stateFile)) {
                state.store(out, "Prism embedded Kafka: cluster id and ports, reused on restart");
            }
        }
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        LOG.info("embedded Kafka started on {} (data {})", bootstrapServers(), dataDir);
    }

    private Properties brokerProperties(Path logDir) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toString());
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "4");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "4");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("num.partitions", "1");
        // Compaction visible within seconds, so tests and local mode can observe it.
        props.setProperty("log.cleaner.backoff.ms", "200");
        props.setProperty("log.cleaner.dedupe.buffer.size", Long.toString(8L * 1024 * 1024));
        props.setProperty("log.cleaner.threads", "1");
        props.putAll(overrides);
        return props;
    }

    private void format(String clusterId, Path logDir) throws IOException {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(clusterId)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IOException("cannot format embedded Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
