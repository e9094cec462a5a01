package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.simulator.DemoDistrict;
import io.city4d.simulator.DeviceSpec;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code city4d simulate} against a real server whose MQTT endpoint is not on the default port: it learns the port from
 * the server, so every reading it counts as stored is in this server, the MQTT ones included.
 */
class SimulateCommandTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void everyReadingCountedAsStoredIsInTheServerItWasSentTo() throws Exception {
        assertThat(running.server.city.mqttPort()).isNotEqualTo(ServeOptions.DEFAULT_MQTT_PORT);
        List<DeviceSpec> devices = DemoDistrict.generate(42).devices();
        long readings = 2L * devices.size();
        CommandLineTest.Run run = CommandLineTest.run("simulate", "--url", running.server.city.baseUrl(), "--token", TestServer.ADMIN,
                "--count", String.valueOf(readings), "--rate", "500");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("sent " + readings + ", stored " + readings + ", failed 0");
        for (DeviceSpec device : devices) {
            JsonNode entity = running.api.get(NGSI + "/entities/" + enc(device.entityId())).json();
            boolean reported = StreamSupport.stream(entity.spliterator(), false).anyMatch(a -> a.path("observedAt").isTextual());
            assertThat(reported).as(device.deviceId() + "'s readings reached this server").isTrue();
        }
    }

    @Test
    void aRefusedTokenIsOneLine() throws Exception {
        CommandLineTest.Run run = CommandLineTest.run("simulate", "--url", running.server.city.baseUrl(), "--token", "not-a-token");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLine()).contains("--token", "401");
    }
}
