package io.city4d.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Format;
import io.city4d.core.model.Json;
import io.city4d.simulator.DemoDistrict;
import io.city4d.simulator.DeviceSpec;
import io.city4d.simulator.DriverProgress;
import io.city4d.simulator.DriverSettings;
import io.city4d.simulator.District;
import io.city4d.simulator.SensorModel;
import io.city4d.simulator.SimulatorDriver;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Drive a running City4D with the demo district's sensors: load the district, register its devices, send readings.",
                "Half the devices publish over MQTT, to the port the server names in /api/v1/status on the URL's host; the others post over HTTP.",
                "A reading counts as stored when the server acknowledged it (HTTP 2xx, or an MQTT PUBACK with reason code 0)."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", description = "The server's base URL (default: ${DEFAULT-VALUE}).", defaultValue = "http://127.0.0.1:8080")
    URI url;

    @Option(names = "--token", description = "An admin token (default: $CITY4D_ADMIN_TOKEN).", defaultValue = "${env:CITY4D_ADMIN_TOKEN}")
    String token;

    @Option(names = "--http-only", description = "Send every reading over HTTP, none over MQTT.")
    boolean httpOnly;

    @Option(names = "--seed", description = "Seed of the generated district (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--rate", description = "Readings per second (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    double rate;

    @Option(names = "--count", description = "Stop after this many readings (default: ${DEFAULT-VALUE}).", defaultValue = "10000")
    long count;

    @Option(names = "--duration", description = "Stop after this long, e.g. PT5M (default: ${DEFAULT-VALUE}).", defaultValue = "PT5M")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        if (token == null || token.isBlank()) throw new CommandFailure("--token: an admin token is needed (--token or CITY4D_ADMIN_TOKEN)");
        if (url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new CommandFailure("--url " + url + ": must be an http or https URL such as http://127.0.0.1:8080");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ServerClient server = new ServerClient(url, token)) {
            OptionalInt mqttPort = httpOnly ? OptionalInt.empty() : server.mqttPort();
            if (!httpOnly && mqttPort.isEmpty()) out.println("The server has no MQTT endpoint; every reading goes over HTTP.");
            District district = DemoDistrict.generate(seed);
            loadEntities(server, district.entities(), out);
            Map<String, String> keys = registerDevices(server, district.devices(), out);
            DriverSettings settings = DriverSettings.of(url, url.getHost(), mqttPort.orElse(1), keys)
                    .withRate(rate).withMaxReadings(count).withMaxDuration(duration);
            if (mqttPort.isEmpty()) settings = settings.withMqttShare(0);
            DriverProgress last = new SimulatorDriver(settings, district.devices(), new SensorModel(seed, district)).run(p -> {
                out.printf("\rsent %d, stored %d, failed %d, %.0f/s   ", p.sent(), p.acknowledged(), p.failed(), p.ratePerSecond());
                out.flush();
            });
            out.println();
            if (last.lastFailure() != null) out.println("Last failure: " + last.lastFailure());
            out.flush();
            return last.failed() == 0 ? 0 : 1;
        }
    }

    private static void loadEntities(ServerClient server, List<Entity> entities, PrintWriter out) {
        for (int from = 0; from < entities.size(); from += 500) {
            ArrayNode batch = Json.NODES.arrayNode();
            entities.subList(from, Math.min(entities.size(), from + 500)).forEach(e -> batch.add(EntityJson.write(e, Format.NORMALIZED, false, a -> true)));
            server.post("/ngsi-ld/v1/entityOperations/upsert", batch, "loading the district");
            out.printf("\rloaded %d of %d entities", Math.min(entities.size(), from + 500), entities.size());
            out.flush();
        }
        out.println();
    }

    private static Map<String, String> registerDevices(ServerClient server, List<DeviceSpec> devices, PrintWriter out) throws java.io.IOException {
        Map<String, String> keys = new HashMap<>();
        for (DeviceSpec d : devices) {
            var body = Json.NODES.objectNode().put("id", d.deviceId()).put("entityId", d.entityId()).put("profile", d.profile());
            String answer = server.post("/admin/v1/devices", body, "registering device " + d.deviceId());
            keys.put(d.deviceId(), Json.MAPPER.readTree(answer).get("apiKey").asText());
        }
        out.println("registered " + devices.size() + " devices");
        return keys;
    }
}
