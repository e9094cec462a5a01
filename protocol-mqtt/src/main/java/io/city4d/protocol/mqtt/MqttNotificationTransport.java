package io.city4d.protocol.mqtt;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.city4d.core.security.AddressPolicy;
import io.city4d.core.subscription.NotificationTransport;
import io.city4d.core.subscription.UndeliverableNotification;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Delivers notifications to MQTT brokers: {@code mqtt://user:pass@host:port/some/topic?qos=1} (or {@code mqtts://})
 * publishes the body to that topic, QoS 1 unless the {@code qos} parameter says otherwise. One connection per broker
 * and credential is kept and reused; a broken one is replaced on the next notification. Each connection goes to an
 * address of the broker that the {@link AddressPolicy} allows, resolved once when it is made; a broker it refuses is
 * {@link UndeliverableNotification}. The returned future fails when the broker could not be reached or refused the
 * message, so the caller can retry and dead-letter it.
 */
public final class MqttNotificationTransport implements NotificationTransport, AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;

    private final ConcurrentMap<NotificationTarget.Broker, CompletableFuture<Mqtt5AsyncClient>> clients = new ConcurrentHashMap<>();
    private final AddressPolicy brokers;

    public MqttNotificationTransport(AddressPolicy brokers) {
        this.brokers = brokers;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mqtt", "mqtts");
    }

    @Override
    public CompletableFuture<Void> send(URI endpoint, String contentType, byte[] body, Map<String, String> headers) {
        NotificationTarget target;
        try {
            target = NotificationTarget.parse(endpoint);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        Mqtt5UserPropertiesBuilder properties = Mqtt5UserProperties.builder();
        headers.forEach(properties::add);
        return client(target.broker())
                .thenCompose(client -> client.publishWith().topic(target.topic()).qos(target.qos()).payload(body)
                        .contentType(contentType).userProperties(properties.build()).send())
                .thenAccept(MqttNotificationTransport::requireDelivered)
                .orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void requireDelivered(Mqtt5PublishResult result) {
        if (result.getError().isPresent()) throw new IllegalStateException("the broker did not take the notification", result.getError().get());
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1 && qos1.getPubAck().getReasonCode().isError()) {
            throw new IllegalStateException("the broker refused the notification: " + qos1.getPubAck().getReasonCode());
        }
    }

    private CompletableFuture<Mqtt5AsyncClient> client(NotificationTarget.Broker broker) {
        CompletableFuture<Mqtt5AsyncClient> existing = clients.get(broker);
        if (usable(existing)) return existing;
        InetSocketAddress address;
        try {
            // resolved outside the map's lock, and under the broker's own name so that TLS checks its certificate
            address = new InetSocketAddress(InetAddress.getByAddress(broker.host(), brokers.resolve(broker.host()).getAddress()), broker.port());
        } catch (AddressPolicy.Refused e) {
            return CompletableFuture.failedFuture(UndeliverableNotification.refused(e));
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(e);
        }
        return clients.compute(broker, (b, current) -> usable(current) ? current : connect(b, address));
    }

    /** A connection being made, or made and still up. */
    private static boolean usable(CompletableFuture<Mqtt5AsyncClient> client) {
        if (client == null || client.isCompletedExceptionally()) return false;
        return !client.isDone() || client.join().getState().isConnected();
    }

    private static CompletableFuture<Mqtt5AsyncClient> connect(NotificationTarget.Broker broker, InetSocketAddress address) {
        Mqtt5AsyncClient client = BrokerClients.builder(broker.host(), broker.port(), broker.tls(), broker.username(), broker.password(),
                "city4d-notify-" + UUID.randomUUID()).serverAddress(address).buildAsync();
        return client.connect().thenApply(connAck -> client).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        clients.values().forEach(c -> c.thenAccept(Mqtt5AsyncClient::disconnect));
        clients.clear();
    }
}
