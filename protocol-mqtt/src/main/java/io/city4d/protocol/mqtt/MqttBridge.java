package io.city4d.protocol.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.security.Principal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes device readings from an external MQTT broker. It subscribes at QoS 1 to {@code {prefix}#}, reads topics of the
 * device scheme under the prefix ({@code {prefix}devices/{id}/attrs}, {@code {prefix}t/{tenant}/devices/{id}/attrs}),
 * and acknowledges a message to the broker only once its reading is durable, so the broker redelivers what City4D
 * did not keep. The session outlives restarts and the connection is re-established automatically.
 */
public final class MqttBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
    private static final long SESSION_EXPIRY_SECONDS = 24 * 3600;
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final long RETRY_DELAY_MILLIS = 50;

    private final Settings settings;
    private final Principal principal;
    private final String defaultTenant;
    private final DeviceTelemetry telemetry;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("city4d-mqtt-bridge-retry").daemon(true).factory());
    private final LongAdder received = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private volatile Mqtt5AsyncClient client;
    private volatile boolean closed;

    /**
     * The external broker and what to take from it.
     *
     * @param username    may be null for anonymous brokers
     * @param password    may be null
     * @param topicFilter the prefix of the device scheme followed by "#", such as "city4d/#"
     * @param clientId    the bridge's client id, which also names its persistent session on the broker
     */
    public record Settings(String host, int port, String username, String password, String topicFilter, String clientId) {

        public Settings {
            if (topicFilter == null || !(topicFilter.equals("#") || topicFilter.endsWith("/#")) || topicFilter.indexOf('+') >= 0
                    || topicFilter.indexOf('#') != topicFilter.length() - 1) {
                throw new IllegalArgumentException("the bridge's topic filter must be a prefix followed by #, such as city4d/#");
            }
            if (clientId == null || clientId.isBlank()) throw new IllegalArgumentException("the bridge needs a client id");
        }

        /** What precedes the device scheme in bridged topics, such as "city4d/". */
        public String prefix() {
            return topicFilter.substring(0, topicFilter.length() - 1);
        }

        @Override
        public String toString() {
            return "MqttBridge.Settings[" + host + ":" + port + ", user " + username + ", " + topicFilter + ", client " + clientId + "]";
        }
    }

    public MqttBridge(Settings settings, Principal bridgePrincipal, DeviceTelemetry telemetry) {
        this.settings = settings;
        this.principal = bridgePrincipal;
        this.defaultTenant = bridgePrincipal.tenant() == null ? "" : bridgePrincipal.tenant();
        this.telemetry = telemetry;
    }

    /**
     * Connects and subscribes. The future completes once the first subscription is in place; until the broker can be
     * reached the bridge keeps trying, with growing delays.
     */
    public synchronized CompletableFuture<Void> start() {
        if (client != null) throw new IllegalStateException("the bridge is already started");
        client = BrokerClients.builder(settings.host(), settings.port(), false, settings.username(), settings.password(), settings.clientId())
                .automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS).maxDelay(30, TimeUnit.SECONDS).applyAutomaticReconnect()
                .addConnectedListener(c -> LOG.info("MQTT bridge connected to {}:{}", settings.host(), settings.port()))
                .addDisconnectedListener(c -> {
                    if (!closed) LOG.warn("MQTT bridge lost {}:{}: {}", settings.host(), settings.port(), c.getCause().toString());
                })
                .buildAsync();
        // All publishes, registered before connecting: the broker sends what it kept in the session while City4D was
        // away right after CONNACK, before this client instance has subscribed to anything itself.
        client.publishes(MqttGlobalPublishFilter.ALL, this::received, true);
        return client.connectWith().cleanStart(false).sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
                .restrictions().receiveMaximum(MAX_IN_FLIGHT).applyRestrictions()
                .send()
                .thenCompose(connAck -> client.subscribeWith().topicFilter(settings.topicFilter()).qos(MqttQos.AT_LEAST_ONCE).send())
                .thenAccept(MqttBridge::requireGranted);
    }

    private static void requireGranted(Mqtt5SubAck subAck) {
        if (subAck.getReasonCodes().stream().anyMatch(code -> code.isError())) {
            throw new IllegalStateException("the broker refused the bridge's subscription: " + subAck.getReasonCodes());
        }
    }

    private void received(Mqtt5Publish publish) {
        received.increment();
        DeviceTopic topic;
        try {
            topic = deviceTopic(publish.getTopic().toString());
        } catch (ProblemException e) {
            reject(publish, e);
            return;
        }
        ingest(publish, topic, publish.getPayloadAsBytes());
    }

    private DeviceTopic deviceTopic(String topicName) {
        String prefix = settings.prefix();
        if (!topicName.startsWith(prefix)) throw ProblemException.invalid("topic outside the bridge's prefix: " + topicName);
        DeviceTopic topic = DeviceTopic.parse(topicName.substring(prefix.length()), defaultTenant);
        if (topic.channel() != DeviceTopic.Channel.ATTRS) throw ProblemException.invalid("not a readings topic: " + topicName);
        return topic;
    }

    private void ingest(Mqtt5Publish publish, DeviceTopic topic, byte[] payload) {
        if (closed) return;
        try {
            telemetry.ingest(principal, topic.tenant(), topic.deviceId(), payload).whenComplete((outcome, failure) -> {
                if (failure == null) {
                    stored.increment();
                    publish.acknowledge();
                } else {
                    failed(publish, topic, payload, failure instanceof CompletionException ? failure.getCause() : failure);
                }
            });
        } catch (ProblemException e) {
            failed(publish, topic, payload, e);
        }
    }

    private void failed(Mqtt5Publish publish, DeviceTopic topic, byte[] payload, Throwable failure) {
        if (failure instanceof ProblemException problem && !ProblemMessages.isTransient(problem.type())) {
            reject(publish, problem);
            return;
        }
        // Full or failing pipeline: keep the message unacknowledged and try again shortly.
        retried.increment();
        if (!closed) retries.schedule(() -> ingest(publish, topic, payload), RETRY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A message that can never be stored is acknowledged anyway, or the broker would redeliver it forever. */
    private void reject(Mqtt5Publish publish, ProblemException problem) {
        rejected.increment();
        LOG.debug("bridged message on {} refused: {}", publish.getTopic(), problem.detail());
        publish.acknowledge();
    }

    /** Disconnects; the broker keeps the session and the messages not yet acknowledged for the next start. */
    @Override
    public synchronized void close() {
        closed = true;
        retries.shutdownNow();
        if (client != null) {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("MQTT bridge disconnect: {}", e.toString());
            }
        }
    }

    public boolean connected() {
        Mqtt5AsyncClient c = client;
        return c != null && c.getState().isConnected();
    }

    /** Messages taken from the broker, redeliveries included. */
    public long messagesReceived() { return received.sum(); }

    /** Messages stored and acknowledged to the broker. */
    public long messagesStored() { return stored.sum(); }

    /** Messages refused (bad topic, payload or device) and acknowledged so that the broker drops them. */
    public long messagesRejected() { return rejected.sum(); }

    /** Attempts to store again after the pipeline was full or failed. */
    public long retries() { return retried.sum(); }
}
