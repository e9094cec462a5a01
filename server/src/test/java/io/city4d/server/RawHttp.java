package io.city4d.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exact bytes to an HTTP server over a plain socket, for requests no HTTP client library would send: with the sending
 * side then shut and every response parsed ({@link #send}), or as the text that came back ({@link #exchange}).
 */
final class RawHttp {
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    private RawHttp() {}

    /** A response: its status and headers (names in lower case); bodies are skipped. */
    record Response(int status, Map<String, String> headers) {
        @Override
        public String toString() {
            return status + " " + headers;
        }
    }

    /** What came back: the responses in order, and whether the server ended the exchange before the timeout. */
    record Exchange(List<Response> responses, boolean ended, String unparsed) {}

    static Exchange send(int port, byte[] request, Duration timeout) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean ended = false;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            try {
                socket.getOutputStream().write(request);
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server closed the connection before it had read the request; what it said is below
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                    if (streaming(parse(received.toByteArray(), false))) return parse(received.toByteArray(), true);
                }
                ended = true;
            } catch (SocketTimeoutException e) {
                ended = false;
            } catch (IOException e) {
                ended = true; // reset by the server
            }
        }
        return parse(received.toByteArray(), ended);
    }

    /** An event stream stays open as long as the client wants it: its head is the end of the exchange. */
    private static boolean streaming(Exchange exchange) {
        return !exchange.responses().isEmpty() && exchange.responses().getLast().headers().getOrDefault("content-type", "").startsWith("text/event-stream");
    }

    /** Reads responses one after the other: status line, headers, and a body by Content-Length or chunks. */
    static Exchange parse(byte[] bytes, boolean ended) {
        List<Response> responses = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int headEnd = indexOf(bytes, "\r\n\r\n", at);
            if (headEnd < 0) break;
            String[] lines = new String(bytes, at, headEnd - at, ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) break;
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            responses.add(new Response(Integer.parseInt(statusLine[1]), headers));
            at = headEnd + 4;
            int status = responses.getLast().status();
            if (status < 200 || status == 204 || status == 304) continue;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                at = afterChunks(bytes, at);
            } else if (headers.containsKey("content-length")) {
                at += Integer.parseInt(headers.get("content-length"));
            } else {
                at = bytes.length; // the body runs to the end of the connection
            }
        }
        String unparsed = at < bytes.length ? new String(bytes, at, bytes.length - at, ISO_8859_1) : "";
        return new Exchange(responses, ended, unparsed);
    }

    private static int afterChunks(byte[] bytes, int at) {
        while (at < bytes.length) {
            int lineEnd = indexOf(bytes, "\r\n", at);
            if (lineEnd < 0) return bytes.length;
            String size = new String(bytes, at, lineEnd - at, ISO_8859_1).split(";", 2)[0].trim();
            int length = Integer.parseInt(size, 16);
            at = lineEnd + 2;
            if (length == 0) {
                int trailersEnd = indexOf(bytes, "\r\n", at);
                while (trailersEnd > at) { // trailer fields until the empty line
                    at = trailersEnd + 2;
                    trailersEnd = indexOf(bytes, "\r\n", at);
                }
                return trailersEnd < 0 ? bytes.length : trailersEnd + 2;
            }
            at += length + 2;
        }
        return at;
    }

    private static int indexOf(byte[] bytes, String ascii, int from) {
        byte[] needle = ascii.getBytes(ISO_8859_1);
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (bytes[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** What came back before the server closed the connection, or before the client gave up waiting. */
    record Answer(String text, boolean closedByServer) {
        /** The status of each response on the connection, in order. */
        List<Integer> statuses() {
            List<Integer> out = new ArrayList<>();
            Matcher m = STATUS_LINE.matcher(text);
            while (m.find()) out.add(Integer.parseInt(m.group(1)));
            return out;
        }

        int status() {
            List<Integer> all = statuses();
            if (all.size() != 1) throw new AssertionError("expected one response, got " + all + ": " + text);
            return all.get(0);
        }

        String body() {
            int at = text.indexOf("\r\n\r\n");
            return at < 0 ? "" : text.substring(at + 4);
        }

        boolean hasHeader(String line) {
            return text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).toLowerCase(Locale.ROOT).contains("\r\n" + line.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return (closedByServer ? "[closed by server] " : "[still open] ") + text;
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
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
            if (left <= 0) return new Answer(got.toString(UTF_8), false);
            socket.setSoTimeout((int) left);
            try {
                int n = in.read(buffer);
                if (n < 0) return new Answer(got.toString(UTF_8), true);
                got.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                return new Answer(got.toString(UTF_8), false);
            } catch (SocketException reset) {
                return new Answer(got.toString(UTF_8), true);
            }
        }
    }
}
