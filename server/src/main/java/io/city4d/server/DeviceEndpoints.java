package io.city4d.server;

import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.security.AddressPolicy;
import io.city4d.core.security.Authenticator;
import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import io.city4d.core.subscription.NotificationTransport;
import io.city4d.protocol.mqtt.MqttBridge;
import io.city4d.protocol.mqtt.MqttEndpoint;
import io.city4d.protocol.mqtt.MqttNotificationTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT adapters: the built-in device endpoint, the bridge to an external broker when one is configured, and
 * the transport that publishes subscription notifications to MQTT brokers.
 */
final class DeviceEndpoints implements AutoCloseable {
    private final MqttEndpoint endpoint;
    private final MqttBridge bridge;
    private final MqttNotificationTransport notifications;
    private final List<AutoCloseable> started = new ArrayList<>();
    private int mqttPort = -1;

    /** @param notifiedHosts the brokers notifications may be published to */
    DeviceEndpoints(ServerConfig config, Authenticator authenticator, DeviceTelemetry telemetry, AddressPolicy notifiedHosts) {
        this.notifications = new MqttNotificationTransport(notifiedHosts);
        this.endpoint = config.mqttPort() < 0 ? null
                : new MqttEndpoint(MqttEndpoint.Settings.defaults().withAddress(config.host(), config.mqttPort())
                        .withMaxConnections(FileBudget.mqttConnections()), authenticator, telemetry);
        ServerConfig.Bridge b = config.bridge();
        this.bridge = b == null ? null : new MqttBridge(new MqttBridge.Settings(b.host(), b.port(), b.username(), b.password(),
                b.topicPrefix() + "#", b.clientId()), new Principal("mqtt-bridge", "mqtt bridge", Role.OPERATOR, null, null), telemetry);
        started.add(notifications);
    }

    List<NotificationTransport> notificationTransports() {
        return List.of(notifications);
    }

    void start() {
        if (endpoint != null) {
            mqttPort = endpoint.start();
            started.add(endpoint);
        }
        if (bridge != null) {
            bridge.start();
            started.add(bridge);
        }
    }

    int mqttPort() { return mqttPort; }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
    }
}
