package io.city4d.protocol.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import java.nio.charset.StandardCharsets;

/** MQTT 5 clients of external brokers, as the bridge and the notification transport configure them. */
final class BrokerClients {
    private BrokerClients() {}

    static Mqtt5ClientBuilder builder(String host, int port, boolean tls, String username, String password, String clientId) {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host).serverPort(port);
        if (tls) builder = builder.sslWithDefaultConfig();
        if (username != null || password != null) {
            Mqtt5SimpleAuthBuilder.Complete auth = username == null
                    ? Mqtt5SimpleAuth.builder().password(password.getBytes(StandardCharsets.UTF_8))
                    : Mqtt5SimpleAuth.builder().username(username);
            if (username != null && password != null) auth = auth.password(password.getBytes(StandardCharsets.UTF_8));
            builder = builder.simpleAuth(auth.build());
        }
        return builder;
    }
}
