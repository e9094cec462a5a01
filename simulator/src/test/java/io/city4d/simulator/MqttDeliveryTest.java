package io.city4d.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Publishes through a real MQTT broker. It needs one on 127.0.0.1:1883 that lets any user name in (the development
 * machines run Mosquitto there); elsewhere it is skipped.
 */
class MqttDeliveryTest {
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 1883;

    @Test
    void publishesEachReadingWithQos1ToTheDevicesTopic() throws Exception {
        assumeTrue(brokerListening(), "no MQTT broker on " + HOST + ":" + PORT + ", so the MQTT transport is not exercised here");
        District district = DemoDistrict.generate(42);
        List<DeviceSpec> devices = district.devices().subList(0, 4);
        Map<String, String> keys = devices.stream().collect(Collectors.toMap(DeviceSpec::deviceId, d -> "key-" + d.deviceId()));
        List<String> topics = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient listener = MqttClient.builder().useMqttVersion5().identifier("simulator-test-listener")
                .serverHost(HOST).serverPort(PORT).buildBlocking();
        listener.connect();
        try {
            listener.toAsync().subscribeWith().topicFilter("devices/+/attrs").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(message -> topics.add(message.getTopic().toString() + " " + StandardCharsets.UTF_8.decode(message.getPayload().orElseThrow())))
                    .send().join();
            DriverSettings settings = DriverSettings.of(URI.create("http://127.0.0.1:9"), HOST, PORT, keys).withMqttShare(1).withMaxReadings(12).withRate(100);
            DriverProgress last = new SimulatorDriver(settings, district.devices(), new SensorModel(42, district)).run(p -> {});

            assertThat(last.acknowledged()).as(String.valueOf(last.lastFailure())).isEqualTo(12);
            Thread.sleep(300);
            assertThat(topics).hasSize(12).allSatisfy(t -> assertThat(t).matches("devices/hk-[a-z-]+-\\d{4}/attrs \\{.*\"ts\":.*}"));
        } finally {
            listener.disconnect();
        }
    }

    /**
     * A broker with no subscriber for the topic answers PUBACK 0x10 ("no matching subscribers"): MQTT calls it a success,
     * but the reading went nowhere, so it is not counted as stored. That is what a simulator pointed at the wrong broker
     * meets. The device id is new, so that no other test's subscriber on the same broker receives it.
     */
    @Test
    void aReadingNoOneReceivedIsNotCountedAsStored() throws Exception {
        assumeTrue(brokerListening(), "no MQTT broker on " + HOST + ":" + PORT + ", so the MQTT transport is not exercised here");
        try (MqttDeviceTransport mqtt = new MqttDeviceTransport(HOST, PORT)) {
            DeviceTransport.Delivery delivery = mqtt.deliver("unheard-" + UUID.randomUUID(), "key", "{\"pm25\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(delivery).isInstanceOfSatisfying(DeviceTransport.Failed.class,
                    failed -> assertThat(failed.reason()).contains("NO_MATCHING_SUBSCRIBERS", "not stored"));
        }
    }

    private static boolean brokerListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
