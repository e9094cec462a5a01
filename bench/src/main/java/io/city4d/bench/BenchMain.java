package io.city4d.bench;

import io.city4d.bench.jmh.JmhCommand;
import io.city4d.bench.report.ResultTable;
import io.city4d.bench.scenario.Scenario;
import io.city4d.bench.scenario.Scenarios;
import io.city4d.bench.scenario.Sizes;
import io.city4d.bench.server.StoreChoice;
import io.city4d.bench.soak.SoakCommand;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code city4d bench}: starts City4D in this process on 127.0.0.1 and measures it through real sockets. */
@Command(name = "city4d bench", mixinStandardHelpOptions = true, version = "City4D bench 0.1.0",
        description = {"Benchmarks City4D against the performance targets in BENCHMARKS.md.",
                "Starts a real server in this process on free ports of 127.0.0.1 over a temporary data directory (or a fresh",
                "PostgreSQL database), drives it through sockets, and prints the median of the runs of each figure.",
                "The load generator runs on the same machine as the server."},
        subcommands = {BenchMain.ListCommand.class, JmhCommand.class, JfrTopCommand.class, SoakCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--scenarios"}, split = ",", paramLabel = "NAME", description = "Scenarios to run (see `list`); all by default.")
    List<String> scenarios;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per scenario; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--quick", description = "Small sizes for a smoke run of a minute or so.")
    boolean quick;

    @Option(names = "--store", defaultValue = "sqlite", description = "sqlite (embedded, default) or postgres.")
    String store;

    @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres",
            description = "A database on the PostgreSQL server; each server gets a fresh database beside it, dropped afterwards (default: ${DEFAULT-VALUE}).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:CITY4D_DB_PASSWORD}", description = "PostgreSQL password (default: $CITY4D_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--points", description = "History points for temporal-aggregation (default 1,000,000; the target is for 10,000,000).")
    Long points;

    @Option(names = "--memory-entities", description = "Entities loaded by the memory scenario (default 1,000,000; 200,000 with --quick).")
    Integer memoryEntities;

    @Option(names = "--notify-rate", description = "PATCHes per second in notify-latency (default 10,000).")
    Integer notifyRate;

    @Option(names = "--jfr", paramLabel = "FILE", description = "Record a JFR CPU profile of the whole run (server and load generator) to this file.")
    Path jfr;

    @Option(names = "--out", description = "Also write the results to this file: JSON when it ends in .json, Markdown otherwise.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1");
        if (!List.of(StoreChoice.SQLITE, StoreChoice.POSTGRES).contains(store)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--store must be sqlite or postgres");
        }
        StoreChoice storeChoice = StoreChoice.POSTGRES.equals(store) ? new StoreChoice(StoreChoice.POSTGRES, dbUrl, dbUser, dbPassword)
                : new StoreChoice(store, null, null, null);
        List<Scenario> chosen = Scenarios.select(scenarios);
        ResultTable table;
        try (ProfileRecording ignored = jfr == null ? null : new ProfileRecording(jfr)) {
            table = new Suite(storeChoice, sizes(), runs).run(chosen);
        }
        describe(table, storeChoice);
        System.out.println(table.markdown());
        if (out != null) table.write(out);
        return table.failures().isEmpty() ? 0 : 1;
    }

    Sizes sizes() {
        Sizes sizes = quick ? Sizes.quick() : Sizes.full();
        if (points != null) sizes = sizes.withHistoryPoints(points);
        if (memoryEntities != null) sizes = sizes.withMemoryEntities(memoryEntities);
        if (notifyRate != null) sizes = sizes.withNotifyRate(notifyRate);
        return sizes;
    }

    private void describe(ResultTable table, StoreChoice storeChoice) {
        table.note("finished", Instant.now().toString());
        table.note("store", storeChoice.isPostgres() ? "postgres (fresh database per server on " + dbUrl + ")" : "sqlite (embedded, temporary data directory)");
        table.note("runs per figure", runs + (quick ? " (--quick sizes)" : ""));
        table.note("CPU", Machine.cpu());
        table.note("memory", Machine.memory());
        table.note("JDK", Machine.jdk());
        table.note("load average at the end", Machine.loadAverage());
        table.note("clients", "raw-socket HTTP/1.1 keep-alive and raw MQTT 3.1.1, in the server's JVM; server and load generator share this machine");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the scenarios.")
    static final class ListCommand implements Runnable {
        @Override
        public void run() {
            Scenarios.all().values().forEach(s -> System.out.printf("%-22s %s%n", s.name(), s.description()));
        }
    }
}
