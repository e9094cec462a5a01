package io.city4d.protocol.mqtt;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The sessions subscribed to each device's commands topic. */
final class CommandSubscribers {
    private final ConcurrentMap<DeviceTopic, Set<MqttSession>> byTopic = new ConcurrentHashMap<>();

    void add(DeviceTopic topic, MqttSession session) {
        byTopic.compute(topic, (t, sessions) -> {
            Set<MqttSession> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            set.add(session);
            return set;
        });
    }

    void remove(DeviceTopic topic, MqttSession session) {
        byTopic.computeIfPresent(topic, (t, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Sends the payload to every subscribed session and returns how many there were. */
    int deliver(DeviceTopic topic, byte[] payload) {
        Set<MqttSession> sessions = byTopic.get(topic);
        if (sessions == null) return 0;
        int n = 0;
        for (MqttSession session : sessions) {
            session.deliver(topic, payload);
            n++;
        }
        return n;
    }
}
