package io.city4d.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Mosquitto command-line client against the endpoint: a device that is not written in Java. */
class EndpointMosquittoPubTest extends EndpointTestBase {
    private static final Path MOSQUITTO_PUB = Path.of("/usr/bin/mosquitto_pub");

    String key;

    @BeforeAll
    void registerDevice() {
        boolean installed = Files.isExecutable(MOSQUITTO_PUB);
        if (!installed && "true".equals(System.getenv("CI"))) throw new IllegalStateException("CI needs mosquitto_pub (apt-get install mosquitto-clients)");
        assumeTrue(installed, "mosquitto_pub is not installed (apt-get install mosquitto-clients); skipping");
        key = fixture.city.addDevice("", "mosq-aq-1");
    }

    private record Run(int exitCode, String output) {}

    private Run mosquittoPub(String version, String password, String message) throws Exception {
        List<String> command = new ArrayList<>(List.of(MOSQUITTO_PUB.toString(), "-h", "127.0.0.1", "-p", String.valueOf(fixture.port),
                "-V", version, "-q", "1", "-u", "mosq-aq-1", "-t", "devices/mosq-aq-1/attrs", "-m", message));
        command.add("-P");
        command.add(password);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void mqtt311Qos1ReadingIsStoredWhenMosquittoPubReturns() throws Exception {
        Run run = mosquittoPub("mqttv311", key, "{\"pm25\": 5.5}");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(fixture.city.reading("", "mosq-aq-1", "pm25")).isEqualTo(5.5);
    }

    @Test
    void mqtt5Qos1ReadingIsStoredWhenMosquittoPubReturns() throws Exception {
        Run run = mosquittoPub("mqttv5", key, "{\"pm10\": 9}");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(fixture.city.reading("", "mosq-aq-1", "pm10")).isEqualTo(9.0);
    }

    @Test
    void wrongPasswordFails() throws Exception {
        Run run = mosquittoPub("mqttv311", "c4d_wrong", "{\"pm25\": 99}");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("Connection Refused: bad user name or password");
        assertThat(Optional.ofNullable(fixture.city.reading("", "mosq-aq-1", "pm25"))).isNotEqualTo(Optional.of(99.0));
    }
}
