package io.city4d.api.common;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.Principal;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lets a bounded number of requests be handled at once; the others wait for a turn, parked, and are answered 503 with
 * Retry-After when none comes soon. Every request runs on a virtual thread, and the scheduler runs runnable ones in
 * turn: with hundreds of clients, hundreds of handlers became runnable at once (a group commit completes the writes of
 * all its clients together), and /health waited behind all of them for up to seconds. Bounded, the queue ahead of
 * /health stays short. The light paths (health, status) and long-lived streams take no turn.
 */
public final class RequestBulkhead implements Filter {
    private static final long WAIT_MILLIS = 500;

    private final Semaphore turns;
    private final CredentialShares shares;
    private final Set<String> free;
    private final LongAdder refused = new LongAdder();

    /**
     * @param turns requests handled at once: enough for the group commit to gather many writes (a PATCH holds its
     *              turn while its write becomes durable), few enough that their wake-up is quick
     * @param free  paths that take no turn, compared whole
     */
    public RequestBulkhead(int turns, Set<String> free) {
        this.turns = new Semaphore(turns, true);
        this.shares = new CredentialShares(turns / 4);
        this.free = Set.copyOf(free);
    }

    /** Thirty-two turns per processor. */
    public static int turnsFor(int processors) {
        return 32 * Math.max(1, processors);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (free.contains(req.path().path())) {
            chain.proceed();
            return;
        }
        Principal caller = Authentication.principal(req);
        if (!shares.take(caller, 1)) {
            refuse(req, res, "this credential has as many requests in hand as it may; retry shortly");
            return;
        }
        try {
            if (!turn()) {
                refuse(req, res, "the server is handling as many requests as it can; retry shortly");
                return;
            }
            try {
                chain.proceed();
            } finally {
                turns.release();
            }
        } finally {
            shares.give(caller, 1);
        }
    }

    private boolean turn() {
        try {
            return turns.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuse(RoutingRequest req, RoutingResponse res, String detail) {
        refused.increment();
        Problems.send(req, res, new ProblemException(ProblemType.OVERLOADED, detail));
    }

    /** Requests answered 503 for want of a turn. */
    public long refused() {
        return refused.sum();
    }
}
