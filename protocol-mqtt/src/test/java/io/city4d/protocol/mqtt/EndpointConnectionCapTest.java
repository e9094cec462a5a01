package io.city4d.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.core.pipeline.Pipeline;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connections past the cap are closed as they come, so that they cannot use up the files the store needs; closed ones free their place. */
class EndpointConnectionCapTest {
    private static final int CAP = 3;

    @Test
    void connectionsPastTheCapAreClosedAndClosedOnesFreeTheirPlace() throws Exception {
        try (EndpointFixture fixture = new EndpointFixture(Pipeline.Settings.defaults(), MqttEndpoint.Settings.defaults().withMaxConnections(CAP))) {
            String key = fixture.city.addDevice("", "capped-1");
            List<RawMqttClient> held = new ArrayList<>();
            try {
                // each connected before the next, so that the server has counted it (connections are set up on several threads)
                for (int i = 0; i < CAP; i++) {
                    RawMqttClient client = new RawMqttClient(fixture.port);
                    held.add(client);
                    assertThat(client.connect("capped-1", key)).isZero();
                }
                try (Socket extra = new Socket("127.0.0.1", fixture.port)) {
                    extra.setSoTimeout(5_000);
                    assertThat(extra.getInputStream().read()).as("closed by the server without a word").isEqualTo(-1);
                }
                assertThat(fixture.endpoint.refusedConnections()).isEqualTo(1);

                held.removeFirst().close();
                // the server sees the close on its event loop; until then the place is still taken
                assertThat(Await.until(() -> connects(fixture, key), Duration.ofSeconds(5))).as("a freed place is taken again").isTrue();
            } finally {
                for (RawMqttClient c : held) c.close();
            }
        }
    }

    private static boolean connects(EndpointFixture fixture, String key) {
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            return client.connect("capped-1", key) == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
