package io.city4d.server;

import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.security.Authenticator;
import io.city4d.core.subscription.NotificationTransport;
import io.city4d.protocol.mqtt.MqttEndpoint;
import java.util.ArrayList;
import java.util.List;

/** The southbound protocol adapters: the built-in MQTT endpoint and, when configured, the bridge to an external broker. */
final class DeviceEndpoints implements AutoCloseable {
    private final MqttEndpoint mqtt;
    private final List<AutoCloseable> started = new ArrayList<>();
    private int mqttPort = -1;

    DeviceEndpoints(ServerConfig config, Authenticator authenticator, DeviceTelemetry telemetry) {
        this.mqtt = config.mqttPort() < 0 ? null
                : new MqttEndpoint(MqttEndpoint.Settings.defaults().withAddress(config.host(), config.mqttPort()), authenticator, telemetry);
    }

    List<NotificationTransport> notificationTransports() {
        return List.of();
    }

    void start() {
        if (mqtt != null) {
            mqttPort = mqtt.start();
            started.add(mqtt);
        }
    }

    int mqttPort() { return mqttPort; }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : started) c.close();
    }
}
