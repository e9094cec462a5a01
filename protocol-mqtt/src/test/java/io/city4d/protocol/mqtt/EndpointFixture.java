package io.city4d.protocol.mqtt;

import io.city4d.core.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real core on a SQLite file in a temporary folder, with an MQTT endpoint on a free loopback port. */
final class EndpointFixture implements AutoCloseable {
    final TestCity city;
    final MqttEndpoint endpoint;
    final int port;
    private final Path dir;

    EndpointFixture() {
        this(Pipeline.Settings.defaults());
    }

    EndpointFixture(Pipeline.Settings pipeline) {
        this(pipeline, MqttEndpoint.Settings.defaults());
    }

    EndpointFixture(Pipeline.Settings pipeline, MqttEndpoint.Settings settings) {
        try {
            dir = Files.createTempDirectory("city4d-mqtt-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        city = new TestCity(dir, pipeline);
        endpoint = new MqttEndpoint(settings.withAddress("127.0.0.1", 0), city.authenticator, city.telemetry);
        port = endpoint.start();
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        endpoint.close();
        city.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
