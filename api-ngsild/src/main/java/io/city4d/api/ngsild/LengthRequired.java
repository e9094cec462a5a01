package io.city4d.api.ngsild;

import io.city4d.api.common.ConnectionClosing;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Set;

/**
 * A POST, PATCH or PUT to the API without Content-Length (a chunked body) gets a bare 411, as clauses 6.3.2 and 6.3.4
 * require: "shall result in just a 411 HTTP status code (without any payload body)". The body is left unread, so the
 * connection closes after the answer.
 */
final class LengthRequired implements Filter {
    static final LengthRequired INSTANCE = new LengthRequired();
    private static final Set<Method> WITH_BODY = Set.of(Method.POST, Method.PATCH, Method.PUT);

    private LengthRequired() {}

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (WITH_BODY.contains(req.prologue().method()) && !req.headers().contains(HeaderNames.CONTENT_LENGTH)
                && req.path().path().startsWith(NgsiLdApi.PREFIX + "/")) {
            ConnectionClosing.afterResponse(req);
            res.status(Status.LENGTH_REQUIRED_411).send();
            return;
        }
        chain.proceed();
    }
}
