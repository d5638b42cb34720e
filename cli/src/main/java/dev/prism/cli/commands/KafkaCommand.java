package dev.prism.cli.commands;

import dev.prism.connectors.embedded.EmbeddedKafka;
import dev.prism.connectors.kafka.PrismTopics;
import dev.prism.connectors.kafka.TopicAdmin;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prism kafka --data-dir D}: a real single-node Kafka broker for local use, until Ctrl-C. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Run the embedded single-node Kafka broker (KRaft) on loopback until interrupted.")
public final class KafkaCommand implements Callable<Integer> {
    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Data folder (reused on restart).")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the Prism topics it creates. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--no-topics", description = "Do not create the Prism topics.")
    boolean noTopics;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "prism-kafka-shutdown"));
        if (!noTopics) {
            try (TopicAdmin admin = new TopicAdmin(kafka.bootstrapServers())) {
                admin.createTopics(PrismTopics.DEFAULT, partitions, (short) 1, Map.of());
            }
        }
        System.out.println("{\"bootstrap\":\"" + kafka.bootstrapServers() + "\",\"dataDir\":\"" + dataDir.toAbsolutePath() + "\"}");
        System.out.flush();
        System.err.println("prism kafka: broker on " + kafka.bootstrapServers() + " (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
