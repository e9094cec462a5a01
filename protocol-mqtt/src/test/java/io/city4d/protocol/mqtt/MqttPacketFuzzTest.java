package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

/**
 * MQTT packets as raw bytes to a running endpoint, through Netty's decoder and the session: whatever comes, the
 * endpoint ends the exchange, it still takes and acknowledges a device's reading, and no error escapes into the log
 * (a warning with an exception that is not the network's). An input whose first byte is {@code C} is sent after an
 * accepted CONNECT of device fuzz-1 (MQTT 3.1.1), without that byte; any other input is sent as the connection's
 * first bytes. Corpus: MqttPacketFuzzTestInputs/packets.
 */
class MqttPacketFuzzTest {
    private static final String DEVICE = "fuzz-1";
    private static final String TOPIC = "devices/" + DEVICE + "/attrs";
    private static EndpointFixture fixture;
    private static String key;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() {
        fixture = new EndpointFixture();
        key = fixture.city.addDevice("", DEVICE);
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        fixture.close();
    }

    @FuzzTest(maxDuration = "10m")
    void packets(byte[] input) throws IOException {
        try (SilentCloseable loopback = loopbackAllowed()) {
            exchange(input);
        }
    }

    /** Jazzer's request forgery detector, on while fuzzing (jazzer.hooks, see the root pom), would take this test's own connections for findings. */
    private static SilentCloseable loopbackAllowed() {
        return Boolean.getBoolean("jazzer.hooks") ? BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost")) : () -> {};
    }

    private static void exchange(byte[] input) throws IOException {
        synchronized (LOG) {
            LOG.list.clear();
        }
        boolean afterConnect = input.length > 0 && input[0] == 'C';
        try (RawMqttClient client = new RawMqttClient(fixture.port)) {
            client.socket.setSoTimeout(5_000);
            if (afterConnect) assertThat(client.connect(DEVICE, key)).as("CONNACK").isZero();
            try {
                client.writeRaw(afterConnect ? Arrays.copyOfRange(input, 1, input.length) : input);
                client.flush();
                client.socket.shutdownOutput();
            } catch (IOException e) {
                // the endpoint closed the connection before it had read everything
            }
            assertThat(endsTheExchange(client)).as("the endpoint ends the exchange").isTrue();
        }
        try (RawMqttClient device = new RawMqttClient(fixture.port)) {
            // The device's entity has one writer, which takes this reading after any of the input's: once it is
            // acknowledged, whatever the input made the writer do has been done, and logged.
            assertThat(device.connect(DEVICE, key)).as("the endpoint still takes a device's connection").isZero();
            device.publishQos1(TOPIC, 1, "{\"pm25\": 1}".getBytes(UTF_8));
            device.flush();
            assertThat(device.read().type()).as("a reading is still acknowledged").isEqualTo(RawMqttClient.Packet.PUBACK);
        }
        assertThat(unexpectedErrors()).as("errors logged").isEmpty();
    }

    /** Reads what the endpoint sends until it closes the connection; false if it is still open after the socket timeout. */
    private static boolean endsTheExchange(RawMqttClient client) {
        try {
            while (true) client.read();
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Warnings and errors that carry an exception other than a failed connection's. */
    private static List<String> unexpectedErrors() {
        synchronized (LOG) {
            return LOG.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() instanceof ThrowableProxy t
                            && !(t.getThrowable() instanceof IOException))
                    .map(e -> e.getFormattedMessage() + ": " + ((ThrowableProxy) e.getThrowableProxy()).getThrowable())
                    .toList();
        }
    }
}
