package io.city4d.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Where a server listens and how to build requests for it. */
public record Endpoint(String host, int port, Requests requests) {

    public Endpoint(String host, int port, String token) {
        this(host, port, new Requests(host, port, token));
    }

    public HttpConnection connect() {
        try {
            return new HttpConnection(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
    }

    /** One exchange on a fresh connection, for set-up calls; fails unless the status is 2xx. */
    public HttpConnection.Response call(byte[] request) {
        try (HttpConnection c = connect()) {
            HttpConnection.Response r = c.exchange(request);
            if (!ClosedLoop.succeeded(r.status())) throw new IllegalStateException("HTTP " + r.status() + ": " + r.text());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
