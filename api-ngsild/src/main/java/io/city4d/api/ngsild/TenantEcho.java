package io.city4d.api.ngsild;

import io.city4d.api.common.Requests;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Every response names the tenant the request applied to, errors included (NGSI-LD clause 6.3.14). */
final class TenantEcho implements Filter {
    static final TenantEcho INSTANCE = new TenantEcho();

    private TenantEcho() {}

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.headers().first(Requests.TENANT).filter(Requests::isTenantName).ifPresent(t -> res.header(Requests.TENANT, t));
        chain.proceed();
    }
}
