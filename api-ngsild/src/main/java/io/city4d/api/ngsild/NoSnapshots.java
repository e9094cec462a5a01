package io.city4d.api.ngsild;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The Snapshot API (clause 5.16 of v1.9.1) is an optional API group that City4D does not offer: its resources, and a
 * request scoped to a snapshot by {@code NGSILD-Snapshot}, are 422 OperationNotSupported, so that no such request is
 * answered as if it were about the live entities.
 */
final class NoSnapshots implements Filter {
    static final NoSnapshots INSTANCE = new NoSnapshots();
    private static final String SNAPSHOTS = NgsiLdApi.PREFIX + "/snapshots";

    private NoSnapshots() {}

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (path.equals(SNAPSHOTS) || path.startsWith(SNAPSHOTS + "/") || req.headers().contains(HeaderNames.create("NGSILD-Snapshot"))) {
            throw new ProblemException(ProblemType.OPERATION_NOT_SUPPORTED, "snapshots (clause 5.16), an optional API group, are not offered by City4D");
        }
        chain.proceed();
    }
}
