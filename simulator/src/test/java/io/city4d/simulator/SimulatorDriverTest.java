package io.city4d.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.city4d.core.model.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorDriverTest {
    private static final long SEED = 42;
    private static final District DISTRICT = DemoDistrict.generate(SEED);
    private static final SensorModel MODEL = new SensorModel(SEED, DISTRICT);
    private static final Instant NOW = Instant.parse("2025-03-10T01:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private volatile Function<String, Integer> statusFor = path -> 204;
    private HttpServer server;

    record Recorded(String method, String path, String authorization, String contentType, JsonNode body, long nanos) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    Json.MAPPER.readTree(exchange.getRequestBody()), System.nanoTime()));
            if (refusalsLeft.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.sendResponseHeaders(statusFor.apply(exchange.getRequestURI().getPath()), -1);
        }
    }

    @Test
    void postsEachReadingWithItsDeviceKeyAndStopsAtTheCount() throws InterruptedException {
        Map<String, String> keys = keysForOneDeviceOfEachProfile();
        List<DriverProgress> reports = new CopyOnWriteArrayList<>();
        DriverProgress last = new SimulatorDriver(settings(keys).withMaxReadings(30), DISTRICT.devices(), MODEL).run(reports::add);

        assertThat(last.sent()).isEqualTo(30);
        assertThat(last.acknowledged()).isEqualTo(30);
        assertThat(last.failed()).isZero();
        assertThat(last.inFlight()).isZero();
        assertThat(reports).last().isEqualTo(last);
        assertThat(requests).hasSize(30);
        for (Recorded request : requests) {
            String deviceId = request.path().substring("/ingest/v1/devices/".length());
            DeviceSpec device = DISTRICT.devices().stream().filter(d -> d.deviceId().equals(deviceId)).findFirst().orElseThrow();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).startsWith("/ingest/v1/devices/");
            assertThat(request.authorization()).isEqualTo("Bearer " + keys.get(deviceId));
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).hasToString(MODEL.reading(device, NOW).toString());
        }
        assertThat(requests).extracting(Recorded::path).map(p -> p.substring(p.lastIndexOf('/') + 1)).containsAll(keys.keySet());
    }

    @Test
    void pausesAsLongAsRetryAfterAsksAndSendsTheRefusedReadingAgain() throws InterruptedException {
        refusalsLeft.set(1);
        DriverProgress last = new SimulatorDriver(settings(keysForOneDeviceOfEachProfile()).withRate(20).withMaxReadings(20), DISTRICT.devices(), MODEL)
                .run(p -> {});

        assertThat(last.acknowledged()).isEqualTo(20);
        assertThat(last.backoffs()).isEqualTo(1);
        assertThat(requests).hasSize(21);
        Recorded refused = requests.getFirst();
        Recorded retried = requests.stream().skip(1).filter(r -> r.path().equals(refused.path())).findFirst().orElseThrow();
        assertThat(retried.body()).isEqualTo(refused.body());
        assertThat(Duration.ofNanos(retried.nanos() - refused.nanos())).isGreaterThan(Duration.ofMillis(950));
        // at 20/s, readings already on their way may still arrive; after that nothing comes until the pause is over
        assertThat(requests).noneMatch(r -> r.nanos() - refused.nanos() > 300_000_000 && r.nanos() - refused.nanos() < 950_000_000);
    }

    @Test
    void stopsAtTheTimeBound() throws InterruptedException {
        long start = System.nanoTime();
        DriverProgress last = new SimulatorDriver(settings(keysForOneDeviceOfEachProfile())
                .withRate(100).withMaxReadings(1_000_000).withMaxDuration(Duration.ofMillis(800)), DISTRICT.devices(), MODEL).run(p -> {});

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(last.sent()).isBetween(60L, 90L);
        assertThat(last.acknowledged()).isEqualTo(last.sent());
        assertThat(requests).hasSize((int) last.sent());
    }

    @Test
    void stopsWhenAskedTo() throws InterruptedException {
        SimulatorDriver driver = new SimulatorDriver(settings(keysForOneDeviceOfEachProfile())
                .withRate(100).withMaxReadings(1_000_000).withMaxDuration(Duration.ofMinutes(5)), DISTRICT.devices(), MODEL);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            driver.stop();
        });
        long start = System.nanoTime();
        DriverProgress last = driver.run(p -> {});

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(last.sent()).isBetween(10L, 100L);
        assertThat(last.inFlight()).isZero();
        assertThatThrownBy(() -> driver.run(p -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void countsRefusedReadingsAsFailedWithTheReason() throws InterruptedException {
        Map<String, String> keys = keysForOneDeviceOfEachProfile();
        String refusedDevice = keys.keySet().iterator().next();
        statusFor = path -> path.endsWith("/" + refusedDevice) ? 401 : 204;
        DriverProgress last = new SimulatorDriver(settings(keys).withMaxReadings(12), DISTRICT.devices(), MODEL).run(p -> {});

        assertThat(last.failed()).isEqualTo(2);
        assertThat(last.acknowledged()).isEqualTo(10);
        assertThat(last.lastFailure()).contains("401").contains(refusedDevice);
    }

    @Test
    void simulatesOnlyDevicesWithAKeyAndSplitsThemBetweenTransports() {
        Map<String, String> keys = new LinkedHashMap<>();
        DISTRICT.devices().subList(0, 40).forEach(d -> keys.put(d.deviceId(), "key"));
        SimulatorDriver driver = new SimulatorDriver(settings(keys).withMqttShare(0.25), DISTRICT.devices(), MODEL);
        assertThat(driver.mqttDevices()).hasSize(10).allSatisfy(id -> assertThat(keys).containsKey(id));
        assertThatThrownBy(() -> new SimulatorDriver(settings(Map.of("stranger", "key")), DISTRICT.devices(), MODEL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsMustBeBounded() {
        DriverSettings valid = settings(Map.of());
        assertThatThrownBy(() -> valid.withMaxReadings(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withMaxDuration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid.withMqttShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DriverSettings.of(URI.create("ftp://host"), "localhost", 1883, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsRetryAfterAsSecondsOrAsADate() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-10T01:30:00Z"), ZoneOffset.UTC);
        assertThat(HttpDeviceTransport.retryAfter(Optional.of("3"), clock)).isEqualTo(Duration.ofSeconds(3));
        assertThat(HttpDeviceTransport.retryAfter(Optional.of("Mon, 10 Mar 2025 01:30:05 GMT"), clock)).isEqualTo(Duration.ofSeconds(5));
        assertThat(HttpDeviceTransport.retryAfter(Optional.of("Mon, 10 Mar 2025 01:29:00 GMT"), clock)).isZero();
        assertThat(HttpDeviceTransport.retryAfter(Optional.of("86400"), clock)).isEqualTo(HttpDeviceTransport.MAX_RETRY);
        assertThat(HttpDeviceTransport.retryAfter(Optional.of("soon"), clock)).isEqualTo(HttpDeviceTransport.DEFAULT_RETRY);
        assertThat(HttpDeviceTransport.retryAfter(Optional.empty(), clock)).isEqualTo(HttpDeviceTransport.DEFAULT_RETRY);
    }

    private DriverSettings settings(Map<String, String> keys) {
        return DriverSettings.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "127.0.0.1", 1883, keys)
                .withMqttShare(0).withRate(200).withClock(CLOCK);
    }

    private static Map<String, String> keysForOneDeviceOfEachProfile() {
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> profiles = new ArrayList<>();
        for (DeviceSpec device : DISTRICT.devices()) {
            if (!profiles.contains(device.profile())) {
                profiles.add(device.profile());
                keys.put(device.deviceId(), "key-" + device.deviceId().hashCode());
            }
        }
        return Collections.unmodifiableMap(keys);
    }
}
