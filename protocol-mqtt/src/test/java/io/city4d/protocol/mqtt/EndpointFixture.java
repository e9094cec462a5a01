package io.city4d.protocol.mqtt;

import io.city4d.core.pipeline.Pipeline;
import java.nio.file.Path;

/** A real core with an MQTT endpoint on a free loopback port. */
final class EndpointFixture implements AutoCloseable {
    final TestCity city;
    final MqttEndpoint endpoint;
    final int port;

    EndpointFixture(Path dir) {
        this(dir, Pipeline.Settings.defaults(), MqttEndpoint.Settings.defaults().withAddress("127.0.0.1", 0));
    }

    EndpointFixture(Path dir, Pipeline.Settings pipeline, MqttEndpoint.Settings settings) {
        city = new TestCity(dir, pipeline);
        endpoint = new MqttEndpoint(settings, city.authenticator, city.telemetry);
        port = endpoint.start();
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        endpoint.close();
        city.close();
    }
}
