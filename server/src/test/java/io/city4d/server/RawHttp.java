package io.city4d.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Exact bytes to a server over a plain socket, for requests no HTTP client library would send. */
final class RawHttp {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    private RawHttp() {}

    /** What came back before the server closed the connection, or before the client gave up waiting. */
    record Answer(String text, boolean closedByServer) {
        /** The status of each response on the connection, in order. */
        java.util.List<Integer> statuses() {
            java.util.List<Integer> out = new java.util.ArrayList<>();
            Matcher m = STATUS_LINE.matcher(text);
            while (m.find()) out.add(Integer.parseInt(m.group(1)));
            return out;
        }

        int status() {
            java.util.List<Integer> all = statuses();
            if (all.size() != 1) throw new AssertionError("expected one response, got " + all + ": " + text);
            return all.get(0);
        }

        String body() {
            int at = text.indexOf("\r\n\r\n");
            return at < 0 ? "" : text.substring(at + 4);
        }

        boolean hasHeader(String line) {
            return text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).toLowerCase().contains("\r\n" + line.toLowerCase());
        }

        @Override
        public String toString() {
            return (closedByServer ? "[closed by server] " : "[still open] ") + text;
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends the bytes, optionally half-closes (no more bytes will come), and reads until EOF or the wait is over. */
    static Answer exchange(int port, byte[] request, boolean halfClose, int waitMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            if (halfClose) socket.shutdownOutput();
            return read(socket, waitMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes the connection (EOF or reset) or the wait is over. */
    static Answer read(Socket socket, int waitMillis) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.nanoTime() + waitMillis * 1_000_000L;
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) return new Answer(got.toString(StandardCharsets.UTF_8), false);
            socket.setSoTimeout((int) left);
            try {
                int n = in.read(buffer);
                if (n < 0) return new Answer(got.toString(StandardCharsets.UTF_8), true);
                got.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                return new Answer(got.toString(StandardCharsets.UTF_8), false);
            } catch (SocketException reset) {
                return new Answer(got.toString(StandardCharsets.UTF_8), true);
            }
        }
    }
}
