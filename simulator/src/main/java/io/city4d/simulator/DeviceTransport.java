package io.city4d.simulator;

import java.time.Duration;

/** Carries one device's reading to the server and tells whether it was stored. Implementations are thread-safe. */
interface DeviceTransport extends AutoCloseable {

    Delivery deliver(String deviceId, String deviceKey, byte[] payload) throws InterruptedException;

    @Override void close();

    sealed interface Delivery {
        Delivery ACKNOWLEDGED = new Acknowledged();
    }

    /** The server stored the reading durably. */
    record Acknowledged() implements Delivery {}

    /** The server is overloaded: send the same reading again after {@code delay}. */
    record RetryLater(Duration delay, String reason) implements Delivery {}

    /** The reading was refused or lost. */
    record Failed(String reason) implements Delivery {}
}
