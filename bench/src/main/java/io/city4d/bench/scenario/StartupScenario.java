package io.city4d.bench.scenario;

import io.city4d.bench.Progress;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.http.HttpConnection;
import io.city4d.bench.report.Metric;
import io.city4d.bench.report.Sample;
import io.city4d.bench.server.BenchServer;
import io.city4d.bench.server.PostgresDatabase;
import io.city4d.bench.server.StoreChoice;
import io.city4d.bench.server.TempDirectory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up to serving: {@code java -cp ... io.city4d.server.Main serve} as a child process, timed from the spawn to
 * the first 200 from GET /health, with the launcher's JVM flags (this JVM's). Each run starts three times with a
 * class-data archive of its own, as the launcher keeps one: before the archive exists (the first start after a build,
 * which writes it on exit), then on a fresh data directory (first start, with migrations) and once more on the same
 * data (restart).
 */
final class StartupScenario implements Scenario {
    private static final long LIMIT_NANOS = 60_000_000_000L;
    private final Metric cold = Metric.of("first start after a build (no class archive yet)", "ms");
    private final Metric first = Metric.of("first start to serving", "ms").goal(Peers.STARTUP);
    private final Metric restart = Metric.of("restart to serving", "ms").goal(Peers.STARTUP);

    @Override
    public String name() { return "startup"; }

    @Override
    public String description() { return "spawn `java ... io.city4d.server.Main serve` and time until GET /health answers 200"; }

    @Override
    public List<List<Sample>> measure(StoreChoice store, Sizes sizes, int runs) throws Exception {
        List<List<Sample>> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Progress.say("[" + name() + "] run " + run + "/" + runs + " on " + store.kind());
            try (TempDirectory build = TempDirectory.create("city4d-bench-archive-"); TempDirectory coldData = TempDirectory.create("city4d-bench-start-");
                 TempDirectory data = TempDirectory.create("city4d-bench-start-");
                 PostgresDatabase coldDb = store.freshDatabase(); PostgresDatabase db = store.freshDatabase()) {
                Path archive = build.path().resolve("city4d.jsa");
                double coldMillis = startToServing(coldData.path(), coldDb, archive);
                double firstMillis = startToServing(data.path(), db, archive);
                double restartMillis = startToServing(data.path(), db, archive);
                results.add(List.of(new Sample(cold, coldMillis), new Sample(first, firstMillis), new Sample(restart, restartMillis)));
            }
        }
        return results;
    }

    private static double startToServing(Path data, PostgresDatabase db, Path archive) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launcherFlags());
        command.addAll(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.city4d.server.Main", "serve",
                "--host", BenchServer.HOST, "--http-port", Integer.toString(port), "--mqtt-port", "-1", "--data", data.toString()));
        if (db != null) command.addAll(List.of("--store", "postgres", "--db-url", db.url(), "--db-user", db.user()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
        builder.environment().put("CITY4D_ADMIN_TOKEN", BenchServer.newToken());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            Endpoint endpoint = new Endpoint(BenchServer.HOST, port, (String) null);
            while (!healthy(endpoint)) {
                if (!process.isAlive()) throw new IllegalStateException("the server exited with " + process.exitValue() + "; see its log");
                if (System.nanoTime() - start > LIMIT_NANOS) throw new IllegalStateException("the server did not serve within 60 s");
                Thread.sleep(2);
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }
    }

    /** The flags this JVM got from the launcher (GC, native access...), but no profiler, agent or class archive of its own. */
    private static List<String> launcherFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> !flag.startsWith("-XX:StartFlightRecording") && !flag.startsWith("-agent") && !flag.startsWith("-javaagent")
                        && !flag.contains("SharedArchive") && !flag.startsWith("-Xlog:cds"))
                .toList();
    }

    private static boolean healthy(Endpoint endpoint) {
        try (HttpConnection connection = new HttpConnection(endpoint.host(), endpoint.port())) {
            return connection.exchange(endpoint.requests().get("/health")).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
