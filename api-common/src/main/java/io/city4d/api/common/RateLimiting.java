package io.city4d.api.common;

import io.city4d.api.common.RateLimits.Limit;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers 429 Too Many Requests, with Retry-After and a problem body, to a client over its rate limit: a credential
 * by its role, a request without one by its client address. It runs after {@link Authentication}, which names the
 * credential. A request that is let through costs a table lookup and a compare-and-set.
 */
public final class RateLimiting implements Filter {
    private final RateLimits limits;
    private final TokenBuckets buckets;
    private final LongAdder[] refusedByRole = new LongAdder[Role.values().length];
    private final LongAdder refusedAnonymous = new LongAdder();

    public RateLimiting(RateLimits limits) {
        this.limits = limits;
        this.buckets = new TokenBuckets(limits.maxClients(), System::nanoTime);
        for (int i = 0; i < refusedByRole.length; i++) refusedByRole[i] = new LongAdder();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Principal principal = Authentication.principal(req);
        Limit limit = principal == null ? limits.anonymous() : limits.of(principal.role());
        if (limit.limited()) {
            long wait = buckets.take(principal == null ? clientAddress(req.remotePeer().address()) : principal.credentialId(), limit);
            if (wait > 0) {
                (principal == null ? refusedAnonymous : refusedByRole[principal.role().ordinal()]).increment();
                long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
                res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
                Problems.send(req, res, new ProblemException(ProblemType.TOO_MANY_REQUESTS, "this " + (principal == null ? "client address" : "credential")
                        + " is over its limit of " + limit.rate() + " requests per second (bursts of " + limit.burst() + "); retry after " + seconds + " s"));
                return;
            }
        }
        chain.proceed();
    }

    private static Object clientAddress(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress() : peer;
    }

    /** Requests refused for credentials of this role. */
    public long refused(Role role) {
        return refusedByRole[role.ordinal()].sum();
    }

    /** Requests refused for client addresses without a credential. */
    public long refusedAnonymous() {
        return refusedAnonymous.sum();
    }

    /** Clients with a bucket of their own. */
    public int trackedClients() {
        return buckets.clients();
    }
}
