package dev.prism.cli;

import dev.prism.cli.bench.BenchCommand;
import dev.prism.cli.commands.ClassifyCommand;
import dev.prism.cli.commands.DemoCommand;
import dev.prism.cli.commands.EmbedCommand;
import dev.prism.cli.commands.EncodeCommand;
import dev.prism.cli.commands.EvalCommand;
import dev.prism.cli.commands.IngestCommand;
import dev.prism.cli.commands.IndexCommand;
import dev.prism.cli.commands.JobCommand;
import dev.prism.cli.commands.SearchCommand;
import dev.prism.cli.commands.KafkaCommand;
import dev.prism.cli.commands.PreprocessCommand;
import dev.prism.cli.commands.TokenizeCommand;
import dev.prism.encoders.InvalidInputException;
import dev.prism.encoders.model.ModelLoadException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code prism} command. Known failures print one line to stderr and exit 1; usage errors exit 2. */
@Command(name = "prism", mixinStandardHelpOptions = true, version = "prism 0.1.0",
        description = "Streaming multimodal embedding and retrieval.",
        subcommands = {DemoCommand.class, EncodeCommand.class, EmbedCommand.class, ClassifyCommand.class, TokenizeCommand.class, IngestCommand.class, KafkaCommand.class, JobCommand.class, IndexCommand.class, SearchCommand.class, EvalCommand.class,
                PreprocessCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class PrismCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PrismCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException || e instanceof ModelLoadException || e instanceof IllegalArgumentException
                    || e instanceof java.io.IOException) {
                PrintWriter err = commandLine.getErr();
                err.println("prism " + commandLine.getCommandName() + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            throw e;
        });
        return cli;
    }
}
