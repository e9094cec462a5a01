package io.city4d.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a server can listen where it is told to, asked before anything is opened: a port in use or a wrong host is
 * then one clear line naming the option, and no store or credential has been created for a server that never ran.
 */
final class ListenCheck {
    private ListenCheck() {}

    /** Fails with a {@link CommandFailure} naming {@code option} unless {@code host:port} can be bound now (port 0 always can). */
    static void ensureFree(String host, int port, String option) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) throw new CommandFailure("--host " + host + ": no such host");
        if (port == 0) return;
        try {
            probe(address);
        } catch (IOException e) {
            throw cannotListen(host, port, option, e);
        }
    }

    /** Whether {@code host:port} can be bound now. */
    static boolean isFree(String host, int port) {
        try {
            probe(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port of {@code host} that is free now, chosen by the operating system. */
    static int anyFreePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, new InetSocketAddress(host, 0).getAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw cannotListen(host, 0, "--host", e);
        }
    }

    private static void probe(InetSocketAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
        }
    }

    /** The failure of a bind: the check's, or the server's own when another program took the port in between. */
    static CommandFailure cannotListen(String host, int port, String option, Throwable cause) {
        if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
            return new CommandFailure(option + " " + port + ": " + host + ":" + port
                    + " is already in use by another program; stop it or choose another port", cause);
        }
        return new CommandFailure("--host " + host + ": cannot listen on " + host + ":" + port + " (" + CommandFailure.rootMessage(cause) + ")", cause);
    }
}
