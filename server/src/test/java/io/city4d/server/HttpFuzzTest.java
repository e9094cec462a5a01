package io.city4d.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.city4d.api.common.RateLimits;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP requests as raw bytes to a running server: whatever comes, every response is below 500, or a 503 that says
 * when to retry, the server ends the exchange, and it stays up. In an input, {@code $ADMIN_TOKEN} and
 * {@code $DEVICE_KEY} stand for the credentials of an admin and of device fuzz-1. Corpus: HttpFuzzTestInputs/request.
 */
class HttpFuzzTest {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @RegisterExtension
    static final RunningServer running = new RunningServer(c -> c.withRateLimits(RateLimits.none()));
    private static int port;
    private static String deviceKey;

    @BeforeAll
    static void populate() {
        String base = running.api.baseUrl();
        port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1).replace("/", ""));
        var device = running.api.post("/admin/v1/devices", "{\"id\":\"fuzz-1\",\"entityId\":\"urn:ngsi-ld:AirQualityObserved:fuzz-1\",\"profile\":\"air-quality\"}");
        assertThat(device.status()).isEqualTo(201);
        deviceKey = device.json().get("apiKey").asText();
        assertThat(running.api.post(Api.NGSI + "/entities", TestServer.station("urn:ngsi-ld:AirQualityObserved:fuzz-2", 12.5, 105.85, 21.03)).status())
                .isEqualTo(201);
    }

    @FuzzTest(maxDuration = "10m")
    void request(byte[] input) throws IOException {
        try (SilentCloseable loopback = loopbackAllowed()) {
            exchange(input);
        }
    }

    /**
     * Jazzer's request forgery detector, on while fuzzing (jazzer.hooks, see the root pom), would take this test's own
     * connections for findings: loopback is allowed, a connection anywhere else (a remote @context, say) is one.
     */
    private static SilentCloseable loopbackAllowed() {
        return Boolean.getBoolean("jazzer.hooks") ? BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost")) : () -> {};
    }

    private static void exchange(byte[] input) throws IOException {
        byte[] request = new String(input, ISO_8859_1).replace("$ADMIN_TOKEN", TestServer.ADMIN).replace("$DEVICE_KEY", deviceKey).getBytes(ISO_8859_1);
        RawHttp.Exchange exchange = RawHttp.send(port, request, PATIENCE);
        for (RawHttp.Response response : exchange.responses()) {
            boolean retryLater = response.status() == 503 && response.headers().containsKey("retry-after");
            assertThat(response.status() < 500 || retryLater).as("%s answered %s", abbreviated(request), response).isTrue();
        }
        assertThat(exchange.ended()).as("the server ends the exchange within %s", PATIENCE).isTrue();
        assertThat(running.api.get("/health").status()).as("the server still serves").isEqualTo(200);
    }

    private static String abbreviated(byte[] request) {
        String text = new String(request, ISO_8859_1);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
