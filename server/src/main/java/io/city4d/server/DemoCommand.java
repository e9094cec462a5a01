package io.city4d.server;

import io.city4d.core.security.Role;
import io.city4d.simulator.DemoDistrict;
import io.city4d.simulator.DriverSettings;
import io.city4d.simulator.District;
import io.city4d.simulator.SensorModel;
import io.city4d.simulator.SimulatorDriver;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start City4D with the generated Hoan Kiem demo district and its simulated sensors.",
                "Without --http-port or --mqtt-port, a default port that is taken is replaced by a free one, kept for the data directory."})
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO_ADMIN = "demo admin";

    @Spec
    CommandSpec spec;

    @Mixin
    ServeOptions options;

    @Option(names = "--seed", description = "Seed of the generated district (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--rate", description = "Simulated readings per second (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    double rate;

    @Option(names = "--hours", description = "Stop the simulated sensors after this many hours (default: ${DEFAULT-VALUE}).", defaultValue = "24")
    long hours;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!options.given("--data")) options.dataDir = Path.of("city4d-data", "demo");
        DemoPorts ports = new DemoPorts(options.dataDir);
        options.httpPort = ports.choose("--http-port", options.httpPort, options.given("--http-port"), options.host, out);
        options.mqttPort = ports.choose("--mqtt-port", options.mqttPort, options.given("--mqtt-port"), options.host, out);
        ServerConfig config = options.toConfig();
        City4d city = City4d.start(config);
        ports.save();
        out.println("Generating the demo district around Hoan Kiem Lake (seed " + seed + ")...");
        District district = DemoDistrict.generate(seed);
        Map<String, String> keys = DemoLoader.load(city, district);
        out.println("Loaded " + district.entities().size() + " entities and " + district.devices().size() + " devices.");
        Announcer.announce(city, config, adminToken(city, config), out);
        Thread.ofPlatform().daemon().name("city4d-demo-sensors").start(() -> simulate(city, district, keys));
        ServeCommand.awaitShutdown(city);
        return 0;
    }

    /**
     * The admin token to show: the first start's, or at a later start a new demo token in place of the previous
     * one (the first one was shown once and may be lost), or none when CITY4D_ADMIN_TOKEN is the admin.
     */
    private static String adminToken(City4d city, ServerConfig config) {
        if (city.issuedAdminToken() != null || config.adminToken() != null) return city.issuedAdminToken();
        city.credentials().list().stream().filter(c -> DEMO_ADMIN.equals(c.name())).forEach(c -> city.credentials().delete(c.id()));
        return city.authenticator().issue(DEMO_ADMIN, Role.ADMIN, null, null).secret();
    }

    private void simulate(City4d city, District district, Map<String, String> keys) {
        DriverSettings settings = DriverSettings.of(URI.create(city.baseUrl()), "127.0.0.1", city.mqttPort(), keys)
                .withRate(rate).withMaxReadings(Long.MAX_VALUE).withMaxDuration(Duration.ofHours(hours));
        if (city.mqttPort() <= 0) settings = settings.withMqttShare(0);
        try {
            new SimulatorDriver(settings, district.devices(), new SensorModel(seed, district)).run(p -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
