package io.city4d.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket, one exchange at a time. It is far lighter than a general
 * client, so that on a machine the load generator shares with the server most of the CPU goes to the server.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public HttpConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    }

    /** Sends a request built by {@link Requests} and reads the whole response. */
    public Response exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ")) throw new IOException("not an HTTP/1.1 response: " + statusLine);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        boolean retryAfter = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) continue;
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) chunked = true;
            else if (name.equalsIgnoreCase("Retry-After")) retryAfter = true;
            else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) closes = true;
        }
        return new Response(status, chunked ? chunkedBody() : in.readNBytes((int) length), retryAfter, closes);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers are not used
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("the server closed the connection");
            if (c == '\n') break;
            if (c != '\r') s.append((char) c);
        }
        return s.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a benchmark connection: nothing to do
        }
    }

    /** A status and a body; whether it said when to retry (Retry-After), and whether the server closes the connection after it. */
    public record Response(int status, byte[] body, boolean retryAfter, boolean closes) {
        public String text() { return new String(body, StandardCharsets.UTF_8); }
    }
}
