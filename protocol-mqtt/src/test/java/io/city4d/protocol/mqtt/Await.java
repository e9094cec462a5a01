package io.city4d.protocol.mqtt;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something that happens on another thread. */
final class Await {
    private Await() {}

    static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }
}
