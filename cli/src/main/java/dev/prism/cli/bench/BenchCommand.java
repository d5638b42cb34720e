package dev.prism.cli.bench;

import picocli.CommandLine.Command;

/** {@code prism bench ...}: benchmarks that compare Prism with a peer on the same input in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (ours vs a peer, same input, same run).",
        subcommands = {EncoderBench.class, PipelineBench.class, IndexBench.class})
public final class BenchCommand {}
