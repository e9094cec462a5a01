package io.city4d.protocol.mqtt;

import io.city4d.core.pipeline.Outcome;
import java.util.function.BiConsumer;

/**
 * A device reading received on a connection: its topic, its payload and, for QoS 1, the packet id to acknowledge.
 * It is also the callback that hands the end of its write from the pipeline's writer thread back to the connection,
 * so that a reading in flight costs one object besides the pipeline's future.
 */
final class Reading implements BiConsumer<Outcome, Throwable> {
    final DeviceTopic topic;
    final int packetId;
    final boolean qos1;
    final byte[] payload;
    private final PublishFlow flow;
    Throwable failure;

    Reading(DeviceTopic topic, int packetId, boolean qos1, byte[] payload, PublishFlow flow) {
        this.topic = topic;
        this.packetId = packetId;
        this.qos1 = qos1;
        this.payload = payload;
        this.flow = flow;
    }

    @Override
    public void accept(Outcome outcome, Throwable failure) {
        this.failure = failure;
        flow.completed(this);
    }
}
