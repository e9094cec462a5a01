package io.city4d.protocol.mqtt;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Collects what a Paho MQTT 5 client receives. Paho 1.2.5's per-subscription listeners fail without subscription
 * identifiers, so the tests take messages through the client callback instead.
 */
final class PahoV5Inbox implements MqttCallback {
    final BlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
