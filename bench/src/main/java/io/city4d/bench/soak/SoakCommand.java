package io.city4d.bench.soak;

import io.city4d.bench.Machine;
import io.city4d.bench.Progress;
import io.city4d.bench.http.Endpoint;
import io.city4d.bench.server.PostgresDatabase;
import io.city4d.bench.server.StoreChoice;
import io.city4d.bench.server.TempDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code city4d bench soak}: City4D in a process of its own, as {@code ./city4d serve} starts it, under mixed load
 * past what the machine can take, for minutes: paced PATCHes at twice the measured single-update rate, batch upserts
 * and MQTT readings as fast as they are taken, queries, subscriptions, and hostile requests. Then the server is killed
 * with SIGKILL and started again, and every acknowledged write is looked for.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, description = {
        "Soaks City4D under mixed load past the machine's capacity, then kills it with SIGKILL, restarts it and checks every",
        "acknowledged write. Passes when no acknowledged write is lost, no answer is a 5xx other than 503 with Retry-After,",
        "/health answers within 100 ms throughout, and the heap stays within its limit. Only ever targets 127.0.0.1."})
public final class SoakCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "10", description = "How long the load runs (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--patch-rate", defaultValue = "22000", description = "PATCHes per second offered, twice the measured capacity (default: ${DEFAULT-VALUE}).")
    int patchRate;

    @Option(names = "--sensors", defaultValue = "2000", description = "Entities the PATCHes and queries spread over (default: ${DEFAULT-VALUE}).")
    int sensors;

    @Option(names = "--devices", defaultValue = "20", description = "MQTT devices publishing QoS 1 readings (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--store", defaultValue = "sqlite", description = "sqlite (default) or postgres.")
    String store;

    @Option(names = "--db-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres", description = "PostgreSQL server for --store postgres (default: ${DEFAULT-VALUE}).")
    String dbUrl;

    @Option(names = "--server-java-options", paramLabel = "OPTIONS", description = "More JVM options for the server, such as "
            + "-XX:StartFlightRecording=filename=soak.jfr to profile it.")
    String serverJavaOptions;

    @Option(names = "--out", description = "Also write the report (Markdown) to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        StoreChoice storeChoice = new StoreChoice(store, dbUrl, "postgres", System.getenv("CITY4D_DB_PASSWORD"));
        try (TempDirectory dir = TempDirectory.create("city4d-soak"); PostgresDatabase database = storeChoice.freshDatabase();
             ServerProcess server = new ServerProcess(dir.path(), database, serverJavaOptions)) {
            server.start();
            Endpoint endpoint = new Endpoint("127.0.0.1", server.httpPort, ServerProcess.TOKEN);
            SoakReport report = new SoakReport(minutes, storeChoice.kind(), patchRate);
            try (SoakSetup.Receiver receiver = new SoakSetup.Receiver()) {
                SoakSetup.sensors(endpoint, sensors);
                List<String> keys = SoakSetup.devices(endpoint, devices);
                SoakSetup.subscriptions(endpoint, receiver.uri());
                long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
                SoakWrites writes = new SoakWrites(endpoint, sensors, 256, patchRate, 4);
                for (int i = 0; i < devices; i++) writes.startDevice(server.mqttPort, i, keys.get(i), end);
                try (HealthProbe health = HealthProbe.start(server.httpPort); MemorySampler memory = new MemorySampler(server.pid(), endpoint);
                     SoakReads reads = new SoakReads(endpoint, sensors, 8, 200); HostileLoad hostile = new HostileLoad(server.httpPort, ServerProcess.TOKEN, 4, 10);
                     Progress ignored = Progress.track("soak: writes acknowledged", writes.ledger::total, 0)) {
                    while (System.nanoTime() < end && server.alive()) Thread.sleep(1_000);
                    writes.stop();
                    health.close();
                    report.load(writes, reads, hostile, health, memory, receiver, server.alive());
                }
            }
            Progress.say("killing the server with SIGKILL, starting it again, and looking for every acknowledged write");
            server.kill();
            server.start();
            report.checked(AcknowledgedWrites.check(endpoint, report.ledger()));
            report.note("machine", Machine.cpu() + "; " + Machine.memory() + "; load average at the end " + Machine.loadAverage());
            String markdown = report.markdown();
            System.out.println(markdown);
            if (out != null) Files.writeString(out, markdown);
            if (!report.passed()) {
                Path log = Path.of("soak-server.log").toAbsolutePath();
                Files.copy(dir.path().resolve("server.log"), log, StandardCopyOption.REPLACE_EXISTING);
                Progress.say("the server's log is kept in " + log);
            }
            return report.passed() ? 0 : 1;
        }
    }
}
