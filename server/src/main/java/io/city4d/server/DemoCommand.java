package io.city4d.server;

import io.city4d.core.security.Role;
import io.city4d.simulator.DemoDistrict;
import io.city4d.simulator.DriverSettings;
import io.city4d.simulator.District;
import io.city4d.simulator.SensorModel;
import io.city4d.simulator.SimulatorDriver;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start City4D with the generated Hoan Kiem demo district and its simulated sensors.")
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO_ADMIN = "demo admin";

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
        if (options.dataDir == null || options.dataDir.equals(Path.of("city4d-data"))) options.dataDir = Path.of("city4d-data", "demo");
        options.httpPort = availableOr(options.httpPort);
        if (options.mqttPort > 0) options.mqttPort = availableOr(options.mqttPort);
        ServerConfig config = options.toConfig();
        City4d city = City4d.start(config);
        System.out.println("Generating the demo district around Hoan Kiem Lake (seed " + seed + ")...");
        District district = DemoDistrict.generate(seed);
        Map<String, String> keys = DemoLoader.load(city, district);
        System.out.println("Loaded " + district.entities().size() + " entities and " + district.devices().size() + " devices.");
        Announcer.announce(city, config);
        if (city.issuedAdminToken() == null && config.adminToken() == null) {
            // The first start's token was shown once; each demo start replaces the previous demo token with a new one.
            city.credentials().list().stream().filter(c -> DEMO_ADMIN.equals(c.name())).forEach(c -> city.credentials().delete(c.id()));
            System.out.println("Demo admin token: " + city.authenticator().issue(DEMO_ADMIN, Role.ADMIN, null, null).secret());
        }
        Thread.ofPlatform().daemon().name("city4d-demo-sensors").start(() -> simulate(city, district, keys));
        ServeCommand.awaitShutdown(city);
        return 0;
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

    /** The wanted port when it is free, else a free one, so the demo starts beside other servers. */
    static int availableOr(int wanted) {
        try (ServerSocket s = new ServerSocket(wanted, 1, java.net.InetAddress.getLoopbackAddress())) {
            return wanted;
        } catch (IOException busy) {
            try (ServerSocket s = new ServerSocket(0)) {
                System.out.println("Port " + wanted + " is in use; using " + s.getLocalPort() + " instead.");
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
