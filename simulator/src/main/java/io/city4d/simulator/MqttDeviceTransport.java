package io.city4d.simulator;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes readings with QoS 1 to {@code devices/{deviceId}/attrs} over MQTT 5, one connection per device, which
 * logs in with its id as user name and its key as password. A reading counts as stored when a PUBACK with reason
 * code 0 (success) arrives; a server under pressure may hold the PUBACK back, and the wait for it is what slows the
 * driver down.
 */
final class MqttDeviceTransport implements DeviceTransport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final Map<String, CompletableFuture<Mqtt5AsyncClient>> connections = new ConcurrentHashMap<>();

    MqttDeviceTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override public Delivery deliver(String deviceId, String deviceKey, byte[] payload) throws InterruptedException {
        CompletableFuture<Mqtt5AsyncClient> connection = connection(deviceId, deviceKey);
        try {
            Mqtt5AsyncClient client = connection.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Mqtt5PublishResult result = client.publishWith()
                    .topic("devices/" + deviceId + "/attrs")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload)
                    .send()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (result.getError().isPresent()) return failure(deviceId, result.getError().get());
            // MQTT calls "no matching subscribers" (0x10) a success, but a broker that passed the reading to no one stored nothing
            if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1 && qos1.getPubAck().getReasonCode() != Mqtt5PubAckReasonCode.SUCCESS) {
                return new Failed("MQTT " + deviceId + ": PUBACK " + qos1.getPubAck().getReasonCode() + ", so the reading was not stored");
            }
            return Delivery.ACKNOWLEDGED;
        } catch (ExecutionException e) {
            connections.remove(deviceId, connection);
            return failure(deviceId, e.getCause());
        } catch (TimeoutException e) {
            return new Failed("MQTT " + deviceId + ": no answer within " + TIMEOUT.toSeconds() + " s");
        }
    }

    /** The device's connection, opened on first use and opened again after it was lost. */
    private CompletableFuture<Mqtt5AsyncClient> connection(String deviceId, String deviceKey) {
        return connections.compute(deviceId, (id, existing) -> {
            if (existing != null && !existing.isCompletedExceptionally()
                    && (!existing.isDone() || existing.join().getState().isConnected())) {
                return existing;
            }
            Mqtt5AsyncClient client = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier(id)
                    .serverHost(host)
                    .serverPort(port)
                    .simpleAuth().username(id).password(deviceKey.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .buildAsync();
            return client.connectWith().cleanStart(true).send().thenApply(ack -> client);
        });
    }

    private static Delivery failure(String deviceId, Throwable error) {
        if (error instanceof Mqtt5PubAckException refused && refused.getMqttMessage().getReasonCode() == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED) {
            return new RetryLater(HttpDeviceTransport.DEFAULT_RETRY, "MQTT " + deviceId + ": quota exceeded");
        }
        if (error instanceof Mqtt5ConnAckException refused) {
            return new Failed("MQTT " + deviceId + ": connection refused, " + refused.getMqttMessage().getReasonCode());
        }
        return new Failed("MQTT " + deviceId + ": " + error);
    }

    @Override public void close() {
        for (CompletableFuture<Mqtt5AsyncClient> connection : connections.values()) {
            if (connection.isDone() && !connection.isCompletedExceptionally() && connection.join().getState().isConnected()) {
                connection.join().disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        }
        connections.clear();
    }
}
