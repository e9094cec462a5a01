package io.city4d.protocol.mqtt;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

/** The Mosquitto broker that development and CI machines run on loopback. */
final class Mosquitto {
    static final String HOST = "127.0.0.1";
    static final int PORT = 1883;

    private Mosquitto() {}

    /** Skips the calling test when the broker is not there, except on CI, where it must be. */
    static void require() {
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1_000);
            reachable = true;
        } catch (IOException e) {
            reachable = false;
        }
        if (!reachable && "true".equals(System.getenv("CI"))) fail("Mosquitto is not reachable on " + HOST + ":" + PORT + ", and CI needs it");
        assumeTrue(reachable, "Mosquitto is not reachable on " + HOST + ":" + PORT + "; skipping the tests that need an external broker");
    }

    /** A topic prefix no other test run uses. */
    static String uniquePrefix(String name) {
        return "city4d-test-" + name + "-" + UUID.randomUUID() + "/";
    }
}
