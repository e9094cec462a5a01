package io.city4d.api.common;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * Closes the connection after a response that says {@code Connection: close}, and after any request whose body left
 * the stream unframed (see {@link #afterResponse}). Helidon 4.5 writes {@code Connection: close} but then goes on
 * reading the connection without consuming the body it skipped, so that body would be parsed as the next request
 * (request smuggling); and a client that asked for close would be kept waiting for the idle timeout.
 */
public final class ConnectionClosing implements Filter {
    private record Marked() {}

    private static final Marked MARK = new Marked();

    /** The connection of this request closes once it is answered: what is left on it can no longer be framed. */
    public static void afterResponse(ServerRequest req) {
        req.context().register(MARK);
    }

    private static boolean marked(ServerRequest req) {
        return req.context().get(Marked.class).isPresent();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.beforeSend(() -> {
            if (marked(req)) res.header(HeaderValues.CONNECTION_CLOSE);
        });
        chain.proceed();
        if (res.isSent() && (res.headers().containsToken(HeaderValues.CONNECTION_CLOSE) || marked(req))) {
            throw new CloseConnectionException("the response closes the connection");
        }
    }
}
