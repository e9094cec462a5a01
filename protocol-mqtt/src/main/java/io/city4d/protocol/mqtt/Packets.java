package io.city4d.protocol.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import java.util.List;

/** The packets the endpoint sends, other than the PUBACKs that {@link PublishFlow} writes itself. */
final class Packets {
    static final MqttMessage PINGRESP = new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private Packets() {}

    static MqttConnAckMessage refusal(MqttConnectReturnCode code) {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
    }

    /**
     * Accepts a connection. Sessions are not kept across connections, so no session is ever present. MQTT 5 clients
     * also learn the endpoint's limits: QoS 1 at most, no retained messages or wildcards, and the most readings they
     * may have unacknowledged.
     */
    static MqttConnAckMessage acceptance(boolean mqtt5, MqttEndpoint.Settings settings, String assignedClientId) {
        MqttProperties properties = new MqttProperties();
        if (mqtt5) {
            properties.add(new IntegerProperty(MqttProperties.MAXIMUM_QOS, 1));
            properties.add(new IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 0));
            properties.add(new IntegerProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 0));
            properties.add(new IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
            properties.add(new IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0));
            properties.add(new IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, Math.min(settings.maxInFlight(), 65_535)));
            properties.add(new IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, settings.maxPacketBytes()));
            if (assignedClientId != null) properties.add(new StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, assignedClientId));
        }
        return MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(false)
                .properties(properties).build();
    }

    static MqttMessage disconnect(byte reasonCode) {
        return MqttMessageBuilders.disconnect().reasonCode(reasonCode).build();
    }

    static MqttSubAckMessage subAck(int packetId, List<Integer> codes) {
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttSubAckPayload(codes));
    }

    static MqttMessage unsubAck(int packetId, List<Short> codes) {
        return MqttMessageBuilders.unsubAck().packetId(packetId).addReasonCodes(codes.toArray(Short[]::new)).build();
    }

    /** A QoS 0 message to a client; MQTT 5 clients are told when it is JSON. */
    static MqttPublishMessage publish(String topicName, byte[] payload, boolean mqtt5, boolean json) {
        MqttProperties properties = new MqttProperties();
        if (mqtt5 && json) {
            properties.add(new StringProperty(MqttProperties.CONTENT_TYPE, "application/json"));
            properties.add(new IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        }
        return MqttMessageBuilders.publish().topicName(topicName).qos(MqttQoS.AT_MOST_ONCE).retained(false)
                .payload(Unpooled.wrappedBuffer(payload)).properties(properties).build();
    }
}
