package dev.prism.cli.commands;

import dev.prism.flinkjobs.IngestJob;
import dev.prism.flinkjobs.config.IngestJobConfig;
import dev.prism.flinkjobs.config.IngestJobOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code prism job --local [--prism.key value ...]}: the IngestJob on Flink's local MiniCluster in this
 * process. On a cluster, submit {@code flink-jobs/target/prism-ingest-job.jar} with {@code flink run}
 * and the same arguments.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Run the IngestJob. --local: on a local MiniCluster in this process; job settings follow as "
                + "--key value (see `prism job --settings`).")
public final class JobCommand implements Callable<Integer> {
    @Option(names = "--local", description = "Run on a local MiniCluster (the only mode of this command).")
    boolean local;

    @Option(names = "--settings", description = "List the job's settings with defaults and exit.")
    boolean settings;

    @Unmatched
    List<String> jobArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (settings) {
            for (var option : IngestJobOptions.all()) {
                String value = option.hasDefaultValue() ? String.valueOf(option.defaultValue())
                        : option == IngestJobOptions.BOOTSTRAP_SERVERS ? "(required)" : "(none)";
                System.out.printf("%-32s %-30s %s%n", option.key(), value,
                        new HtmlFormatter().format(option.description()).replaceAll("<[^>]+>", "").trim());
            }
            return 0;
        }
        if (!local) {
            throw new IllegalArgumentException("use --local, or submit flink-jobs/target/prism-ingest-job.jar with `flink run` "
                    + "and the same --key value settings");
        }
        IngestJobConfig config = IngestJobConfig.fromArgs(jobArgs.toArray(String[]::new));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(IngestJob.flinkConfiguration(config));
        IngestJob.build(env, config);
        System.err.println("prism job: IngestJob on a local MiniCluster, " + config);
        env.execute("prism-ingest");
        return 0;
    }
}
