package io.city4d.api.ngsild;

import io.helidon.common.uri.UriPath;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Routes a path with a trailing slash as the same path without it: the spec writes collections with one
 * ({@code /subscriptions/}, {@code /entities/{id}/attrs/}, clause 6.1.3.1 and the resource tables of clause 6), and
 * clients follow it, while the routes are written without.
 */
final class TrailingSlash implements Filter {
    static final TrailingSlash INSTANCE = new TrailingSlash();

    private TrailingSlash() {}

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HttpPrologue prologue = req.prologue();
        String raw = prologue.uriPath().rawPath();
        if (raw.length() > NgsiLdApi.PREFIX.length() + 1 && raw.endsWith("/") && raw.startsWith(NgsiLdApi.PREFIX + "/")) {
            req.prologue(prologue.withUriPath(UriPath.create(raw.substring(0, raw.length() - 1))));
        }
        chain.proceed();
    }
}
