package io.city4d.server;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Drive a running City4D with the demo district's sensors: load the district, register its devices, send readings.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--url", description = "The server's base URL (default: ${DEFAULT-VALUE}).", defaultValue = "http://127.0.0.1:8080")
    URI url;

    @Option(names = "--token", description = "An admin token (default: $CITY4D_ADMIN_TOKEN).", defaultValue = "${env:CITY4D_ADMIN_TOKEN}")
    String token;

    @Option(names = "--mqtt-host", description = "The server's MQTT endpoint host (default: the URL's host).")
    String mqttHost;

    @Option(names = "--mqtt-port", description = "The server's MQTT endpoint port; -1 sends everything over HTTP (default: ${DEFAULT-VALUE}).", defaultValue = "1883")
    int mqttPort;

    @Option(names = "--seed", description = "Seed of the generated district (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--rate", description = "Readings per second (default: ${DEFAULT-VALUE}).", defaultValue = "50")
    double rate;

    @Option(names = "--count", description = "Stop after this many readings (default: ${DEFAULT-VALUE}).", defaultValue = "10000")
    long count;

    @Option(names = "--duration", description = "Stop after this long, e.g. PT5M (default: ${DEFAULT-VALUE}).", defaultValue = "PT5M")
    Duration duration;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        if (token == null || token.isBlank()) {
            System.err.println("An admin token is needed: --token or CITY4D_ADMIN_TOKEN.");
            return 2;
        }
        District district = DemoDistrict.generate(seed);
        loadEntities(district.entities());
        Map<String, String> keys = registerDevices(district.devices());
        DriverSettings settings = DriverSettings.of(url, mqttHost == null ? url.getHost() : mqttHost, Math.max(mqttPort, 1), keys)
                .withRate(rate).withMaxReadings(count).withMaxDuration(duration);
        if (mqttPort < 0) settings = settings.withMqttShare(0);
        DriverProgress last = new SimulatorDriver(settings, district.devices(), new SensorModel(seed, district)).run(p ->
                System.out.printf("\rsent %d, stored %d, failed %d, %.0f/s   ", p.sent(), p.acknowledged(), p.failed(), p.ratePerSecond()));
        System.out.println();
        if (last.lastFailure() != null) System.out.println("Last failure: " + last.lastFailure());
        return last.failed() == 0 ? 0 : 1;
    }

    private void loadEntities(List<Entity> entities) throws IOException, InterruptedException {
        for (int from = 0; from < entities.size(); from += 500) {
            ArrayNode batch = Json.NODES.arrayNode();
            entities.subList(from, Math.min(entities.size(), from + 500)).forEach(e -> batch.add(EntityJson.write(e, Format.NORMALIZED, false, a -> true)));
            HttpResponse<String> r = send("/ngsi-ld/v1/entityOperations/upsert", batch);
            if (r.statusCode() / 100 != 2) throw new IllegalStateException("loading the district failed: " + r.statusCode() + " " + r.body());
            System.out.printf("\rloaded %d of %d entities", Math.min(entities.size(), from + 500), entities.size());
        }
        System.out.println();
    }

    private Map<String, String> registerDevices(List<DeviceSpec> devices) throws IOException, InterruptedException {
        Map<String, String> keys = new HashMap<>();
        for (DeviceSpec d : devices) {
            var body = Json.NODES.objectNode().put("id", d.deviceId()).put("entityId", d.entityId()).put("profile", d.profile());
            HttpResponse<String> r = send("/admin/v1/devices", body);
            if (r.statusCode() != 201) throw new IllegalStateException("registering device " + d.deviceId() + " failed: " + r.statusCode() + " " + r.body());
            keys.put(d.deviceId(), Json.MAPPER.readTree(r.body()).get("apiKey").asText());
        }
        System.out.println("registered " + devices.size() + " devices");
        return keys;
    }

    private HttpResponse<String> send(String path, JsonNode body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
