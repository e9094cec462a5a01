package io.city4d.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * How the files this process may open are shared, so that connections can never use them all up: a web server that
 * cannot accept for want of a file stops listening for good (Helidon 4.5), and a store that cannot open one fails.
 * Half go to HTTP connections, a quarter to MQTT connections; the rest is left for the store, outgoing notifications
 * (at most two hundred connections) and everything else.
 */
final class FileBudget {
    private static final int MOST = 10_000;
    private static final int LEAST = 64;

    private FileBudget() {}

    static int httpConnections() {
        return share(2);
    }

    static int mqttConnections() {
        return share(4);
    }

    private static int share(int part) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return (int) Math.max(LEAST, Math.min(MOST, unix.getMaxFileDescriptorCount() / part));
        }
        return MOST;
    }
}
