package io.city4d.bench.jmh;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code city4d bench jmh}: the JMH micro-benchmarks of the hot pure-Java paths, small enough to finish in minutes. */
@Command(name = "jmh", mixinStandardHelpOptions = true, description = {"Runs the JMH micro-benchmarks (q parsing, q matching, entity JSON, payload mapping).",
        "For every JMH option, run org.openjdk.jmh.Main on bench's classpath instead."})
public final class JmhCommand implements Callable<Integer> {
    @Option(names = "--include", defaultValue = "io\\.city4d\\.bench\\.jmh\\..*", description = "Benchmarks to run, a regular expression (default: all).")
    String include;

    @Option(names = "--forks", defaultValue = "2", description = "Forked JVMs per benchmark (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up iterations of 1 s (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations of 1 s (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--json", description = "Write JMH's JSON results to this file.")
    String json;

    @Override
    public Integer call() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).forks(forks)
                .warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.NANOSECONDS).mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                // a fixed heap and G1 rather than the launcher's ZGC: steadier figures for allocation-heavy code on 2 cores
                .jvmArgs("-Xshare:auto", "-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
        if (json != null) options = options.resultFormat(ResultFormatType.JSON).result(json);
        new Runner(options.build()).run();
        return 0;
    }
}
