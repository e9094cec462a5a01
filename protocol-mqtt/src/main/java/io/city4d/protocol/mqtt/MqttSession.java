package io.city4d.protocol.mqtt;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: CONNECT with a device API key as password, readings through {@link PublishFlow},
 * subscriptions to the client's own errors and commands topics, keep-alive and protocol errors. Everything but
 * {@link #deliver} and {@link #takenOver} runs on the connection's event loop.
 */
final class MqttSession extends ChannelInboundHandlerAdapter {
    static final String IDLE_HANDLER = "idle";
    private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
    private static final byte UNSPECIFIED_ERROR = (byte) 0x80;
    private static final byte MALFORMED_PACKET = (byte) 0x81;
    private static final byte PROTOCOL_ERROR = (byte) 0x82;
    private static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    private static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    private static final byte PACKET_TOO_LARGE = (byte) 0x95;
    private static final byte QOS_NOT_SUPPORTED = (byte) 0x9B;
    private static final int SUBACK_FAILURE = 0x80;
    private static final int SUBACK_NOT_AUTHORIZED = 0x87;
    private static final int SUBACK_TOPIC_FILTER_INVALID = 0x8F;
    private static final int SUBACK_SHARED_NOT_SUPPORTED = 0x9E;
    private static final int SUBACK_WILDCARDS_NOT_SUPPORTED = 0xA2;
    private static final short UNSUBACK_SUCCESS = 0x00;
    private static final short UNSUBACK_NO_SUBSCRIPTION = 0x11;

    private final SessionContext context;
    /** Subscribed topics, with the topic name as the client wrote it, which is the name it is sent under. */
    private final Map<DeviceTopic, String> subscriptions = new HashMap<>();
    private ChannelHandlerContext ctx;
    private Principal principal;
    private String defaultTenant;
    private DeviceTopic ownErrorsTopic;
    private String clientKey;
    private boolean mqtt5;
    private boolean problemInformation = true;
    private long clientMaxPacketBytes = Long.MAX_VALUE;
    private PublishFlow publishes;

    MqttSession(SessionContext context) {
        this.context = context;
    }

    boolean mqtt5() { return mqtt5; }

    boolean wantsProblemInformation() { return problemInformation; }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage message = (MqttMessage) msg;
        try {
            if (message.decoderResult().isFailure()) malformed(message.decoderResult().cause());
            else if (principal != null) dispatch(message);
            else if (message instanceof MqttConnectMessage connect) connect(connect);
            else ctx.close();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(MqttMessage message) {
        switch (message.fixedHeader().messageType()) {
            case PUBLISH -> publish((MqttPublishMessage) message);
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) message);
            case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) message);
            case PINGREQ -> ctx.write(Packets.PINGRESP);
            case DISCONNECT -> ctx.close();
            case PUBACK -> disconnect(PROTOCOL_ERROR); // the endpoint sends at QoS 0 only: no PUBACK is ever due
            default -> disconnect(PROTOCOL_ERROR);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (publishes != null) publishes.updateReading();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent)) {
            super.userEventTriggered(ctx, evt);
        } else if (principal == null) {
            ctx.close(); // no CONNECT in time
        } else if (publishes.reading()) {
            disconnect(KEEP_ALIVE_TIMEOUT);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (principal != null) {
            context.counters().open.decrementAndGet();
            context.sessions().remove(clientKey, this);
            for (DeviceTopic topic : subscriptions.keySet()) context.commands().remove(topic, this);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) LOG.debug("MQTT connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        else LOG.warn("closing MQTT connection from {} after an error", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private void connect(MqttConnectMessage message) {
        MqttConnectVariableHeader header = message.variableHeader();
        mqtt5 = header.version() == MqttVersion.MQTT_5.protocolLevel();
        if (mqtt5 && header.properties().getProperty(MqttProperties.AUTHENTICATION_METHOD) != null) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD, "asked for enhanced authentication");
            return;
        }
        // The password is a secret: it is turned into a principal here and never kept or logged.
        Optional<Principal> authenticated = header.hasPassword()
                ? context.authenticator().authenticate(new String(message.payload().passwordInBytes(), StandardCharsets.UTF_8))
                : Optional.empty();
        if (authenticated.isEmpty()) {
            refuse(header.hasPassword() ? badCredentials() : notAuthorized(), header.hasPassword() ? "unknown API key" : "no API key");
            return;
        }
        String clientId = message.payload().clientIdentifier();
        String assignedClientId = null;
        if (clientId == null || clientId.isEmpty()) {
            if (!mqtt5 && !header.isCleanSession()) {
                refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, "empty client id for a persistent session");
                return;
            }
            clientId = assignedClientId = "city4d-" + UUID.randomUUID();
        }
        principal = authenticated.get();
        defaultTenant = principal.tenant() == null ? "" : principal.tenant();
        ownErrorsTopic = ownErrorsTopic(principal, defaultTenant);
        if (mqtt5) readClientLimits(header.properties());
        watchKeepAlive(header.keepAliveTimeSeconds());
        publishes = new PublishFlow(ctx, this, context, principal, defaultTenant);
        clientKey = principal + "\u0000" + clientId;
        MqttSession previous = context.sessions().put(clientKey, this);
        if (previous != null) previous.takenOver();
        context.counters().accepted.increment();
        context.counters().open.incrementAndGet();
        ctx.write(Packets.acceptance(mqtt5, context.settings(), assignedClientId));
    }

    private MqttConnectReturnCode badCredentials() {
        return mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
    }

    private MqttConnectReturnCode notAuthorized() {
        return mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5 : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
    }

    private void refuse(MqttConnectReturnCode code, String reason) {
        context.counters().refused.increment();
        LOG.debug("refused MQTT connection from {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.writeAndFlush(Packets.refusal(code)).addListener(ChannelFutureListener.CLOSE);
    }

    private void readClientLimits(MqttProperties properties) {
        if (properties.getProperty(MqttProperties.REQUEST_PROBLEM_INFORMATION) instanceof MqttProperties.IntegerProperty p) {
            problemInformation = p.value() != 0;
        }
        if (properties.getProperty(MqttProperties.MAXIMUM_PACKET_SIZE) instanceof MqttProperties.IntegerProperty p) {
            clientMaxPacketBytes = Integer.toUnsignedLong(p.value());
        }
    }

    /** The client is disconnected after one and a half keep-alive periods without a packet (MQTT 3.1.1 clause 3.1.2.10). */
    private void watchKeepAlive(int keepAliveSeconds) {
        if (keepAliveSeconds == 0) {
            ctx.pipeline().remove(IDLE_HANDLER);
        } else {
            ctx.pipeline().replace(IDLE_HANDLER, IDLE_HANDLER, new IdleStateHandler(keepAliveSeconds * 1_500L, 0, 0, TimeUnit.MILLISECONDS));
        }
    }

    private void publish(MqttPublishMessage message) {
        if (message.fixedHeader().qosLevel() == MqttQoS.EXACTLY_ONCE) {
            disconnect(QOS_NOT_SUPPORTED);
            return;
        }
        // A topic name has at least one character (MQTT 3.1.1 clause 4.7.3); an empty one stands for a topic alias in
        // MQTT 5, which the endpoint does not offer.
        if (message.variableHeader().topicName().isEmpty()) {
            disconnect(PROTOCOL_ERROR);
            return;
        }
        publishes.received(message);
    }

    private void subscribe(MqttSubscribeMessage message) {
        List<Integer> codes = new ArrayList<>();
        for (MqttTopicSubscription s : message.payload().topicSubscriptions()) codes.add(subscribe(s.topicFilter(), s.qualityOfService()));
        ctx.write(Packets.subAck(message.variableHeader().messageId(), codes));
    }

    /** Subscribes to one topic filter and returns the granted QoS or the failure code. */
    private int subscribe(String filter, MqttQoS qos) {
        DeviceTopic topic = topicOrNull(filter, defaultTenant);
        if (topic == null) return !mqtt5 ? SUBACK_FAILURE : invalidFilterCode(filter);
        if (!maySubscribe(topic)) return mqtt5 ? SUBACK_NOT_AUTHORIZED : SUBACK_FAILURE;
        subscriptions.put(topic, filter);
        if (topic.channel() == DeviceTopic.Channel.COMMANDS) context.commands().add(topic, this);
        return Math.min(qos.value(), MqttQoS.AT_LEAST_ONCE.value());
    }

    private static int invalidFilterCode(String filter) {
        if (filter.startsWith("$share/")) return SUBACK_SHARED_NOT_SUPPORTED;
        if (filter.contains("+") || filter.contains("#")) return SUBACK_WILDCARDS_NOT_SUPPORTED;
        return SUBACK_TOPIC_FILTER_INVALID;
    }

    /** A device may follow its own errors and commands; writers may follow those of any device of their tenants. */
    private boolean maySubscribe(DeviceTopic topic) {
        if (topic.channel() == DeviceTopic.Channel.ATTRS || !principal.mayUseTenant(topic.tenant())) return false;
        return principal.role() == Role.DEVICE ? topic.deviceId().equals(principal.deviceId()) : principal.role().canWrite();
    }

    private void unsubscribe(MqttUnsubscribeMessage message) {
        List<Short> codes = new ArrayList<>();
        for (String filter : message.payload().topics()) {
            DeviceTopic topic = topicOrNull(filter, defaultTenant);
            boolean existed = topic != null && subscriptions.remove(topic) != null;
            if (existed) context.commands().remove(topic, this);
            codes.add(existed ? UNSUBACK_SUCCESS : UNSUBACK_NO_SUBSCRIPTION);
        }
        ctx.write(Packets.unsubAck(message.variableHeader().messageId(), codes));
    }

    /**
     * Publishes a refused reading's problem to the errors topic of the reading's device when this client follows it,
     * or else to the client's own device's errors topic when it follows that.
     */
    void reportProblem(DeviceTopic about, ProblemException problem) {
        String topicName = about == null ? null : subscriptions.get(about.withChannel(DeviceTopic.Channel.ERRORS));
        if (topicName == null && ownErrorsTopic != null) topicName = subscriptions.get(ownErrorsTopic);
        if (topicName != null) send(topicName, ProblemMessages.json(problem), true);
    }

    /** Sends a command to this client if it still follows the topic; callable from any thread. */
    void deliver(DeviceTopic topic, byte[] payload) {
        ctx.executor().execute(() -> {
            String topicName = subscriptions.get(topic);
            if (topicName != null && ctx.channel().isActive()) {
                send(topicName, payload, false);
                ctx.flush();
            }
        });
    }

    private void send(String topicName, byte[] payload, boolean json) {
        // Fixed header, topic length and properties take well under 64 bytes more than topic and payload.
        if (payload.length + 3L * topicName.length() + 64 > clientMaxPacketBytes) return;
        ctx.write(Packets.publish(topicName, payload, mqtt5, json));
    }

    /** Another connection with the same credential and client id replaced this one (MQTT 3.1.1 clause 3.1.4). */
    void takenOver() {
        ctx.executor().execute(() -> disconnect(SESSION_TAKEN_OVER));
    }

    /** Closes the connection because the server failed; unacknowledged readings will be sent again. */
    void abort() {
        disconnect(UNSPECIFIED_ERROR);
    }

    private void malformed(Throwable cause) {
        LOG.debug("malformed MQTT packet from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        if (principal != null) {
            disconnect(cause instanceof TooLongFrameException ? PACKET_TOO_LARGE : MALFORMED_PACKET);
        } else if (cause instanceof MqttUnacceptableProtocolVersionException) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, "unsupported protocol version");
        } else if (cause instanceof MqttIdentifierRejectedException) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, "client id rejected");
        } else {
            ctx.close();
        }
    }

    /** MQTT 5 clients are told why; MQTT 3.1.1 has no way to say it. */
    private void disconnect(byte reasonCode) {
        if (mqtt5 && principal != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(Packets.disconnect(reasonCode)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** Where problems go that concern no device this client follows, such as readings sent to a topic that is not a device's. */
    private static DeviceTopic ownErrorsTopic(Principal principal, String tenant) {
        if (principal.deviceId() == null) return null;
        try {
            return new DeviceTopic(tenant, principal.deviceId(), DeviceTopic.Channel.ERRORS);
        } catch (ProblemException e) {
            return null;
        }
    }

    private static DeviceTopic topicOrNull(String topicName, String tenant) {
        try {
            return DeviceTopic.parse(topicName, tenant);
        } catch (ProblemException e) {
            return null;
        }
    }
}
