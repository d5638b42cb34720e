package dev.prism.connectors.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/** Creates Prism's topics (idempotent) and reads broker settings that builders must respect. */
public final class TopicAdmin implements AutoCloseable {
    private final Admin admin;

    public TopicAdmin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        this.admin = Admin.create(props);
    }

    /** Creates the missing topics of {@code topics} with their cleanup policies; existing ones are left as they are. */
    public void createTopics(PrismTopics topics, int partitions, short replication, Map<String, String> extraConfig)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : topics.all()) {
            if (!existing.contains(topic)) {
                Map<String, String> config = new HashMap<>(topics.configFor(topic));
                config.putAll(extraConfig);
                missing.add(new NewTopic(topic, partitions, replication).configs(config));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    public void createTopic(String topic, int partitions, Map<String, String> config)
            throws InterruptedException, ExecutionException, TimeoutException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(config))).all().get(30, TimeUnit.SECONDS);
    }

    public Map<String, String> topicConfig(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        Map<String, String> out = new HashMap<>();
        config.entries().forEach(e -> out.put(e.name(), e.value()));
        return out;
    }

    /** The broker's {@code transaction.max.timeout.ms} (the first broker's, as any broker enforces it). */
    public long brokerTransactionMaxTimeoutMs() throws InterruptedException, ExecutionException, TimeoutException {
        String brokerId = String.valueOf(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().id());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, brokerId);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        return Long.parseLong(config.get("transaction.max.timeout.ms").value());
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
