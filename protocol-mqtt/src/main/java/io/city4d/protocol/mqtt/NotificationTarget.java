package io.city4d.protocol.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where a notification endpoint such as {@code mqtt://user:pass@host:1883/some/topic?qos=0} publishes. */
record NotificationTarget(Broker broker, String topic, MqttQos qos) {

    /** A broker and the credentials to use there; the password is never shown. */
    record Broker(boolean tls, String host, int port, String username, String password) {
        @Override
        public String toString() {
            return (tls ? "mqtts://" : "mqtt://") + (username == null ? "" : username + "@") + host + ":" + port;
        }
    }

    static NotificationTarget parse(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (!"mqtt".equalsIgnoreCase(scheme) && !"mqtts".equalsIgnoreCase(scheme)) throw new IllegalArgumentException("not an mqtt or mqtts endpoint");
        boolean tls = "mqtts".equalsIgnoreCase(scheme);
        if (endpoint.getHost() == null) throw new IllegalArgumentException("the MQTT endpoint names no host");
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : tls ? 8883 : 1883;
        String username = null;
        String password = null;
        if (endpoint.getRawUserInfo() != null) {
            String[] userInfo = endpoint.getRawUserInfo().split(":", 2);
            username = decode(userInfo[0]);
            if (userInfo.length == 2) password = decode(userInfo[1]);
        }
        String topic = endpoint.getPath() == null || endpoint.getPath().length() <= 1 ? "" : endpoint.getPath().substring(1);
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#") || endpoint.getRawFragment() != null) throw new IllegalArgumentException("the MQTT endpoint needs a topic without wildcards as its path");
        return new NotificationTarget(new Broker(tls, endpoint.getHost(), port, username, password), topic, qos(endpoint.getRawQuery()));
    }

    private static MqttQos qos(String query) {
        if (query == null) return MqttQos.AT_LEAST_ONCE;
        for (String parameter : query.split("&")) {
            if (!parameter.startsWith("qos=")) continue;
            return switch (parameter.substring(4)) {
                case "0" -> MqttQos.AT_MOST_ONCE;
                case "1" -> MqttQos.AT_LEAST_ONCE;
                case "2" -> MqttQos.EXACTLY_ONCE;
                default -> throw new IllegalArgumentException("the qos parameter must be 0, 1 or 2");
            };
        }
        return MqttQos.AT_LEAST_ONCE;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
