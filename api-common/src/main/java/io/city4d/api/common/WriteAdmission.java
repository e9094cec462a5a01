package io.city4d.api.common;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Decides whether a request with a body may be read at all, before a byte of the body is read, and answers 503 with
 * Retry-After and a problem body when not:
 * <ul>
 * <li>a write for the pipeline, while the pipeline's fullest queue is past {@link #HIGH_WATER}: reading and parsing a
 * 4 MB batch that would mostly be refused is wasted work;</li>
 * <li>any request, while the bodies being read and handled already take the whole budget: each holds its announced
 * size (the largest body when chunked) until it is answered, so the memory that bodies and what is parsed from them
 * take is bounded whatever the number of clients. No credential but an admin's holds more than a quarter of the
 * budget: a client stalling its uploads until their read deadlines would otherwise take all of it.</li>
 * </ul>
 * A refused request's small body is left for the web server to drain and the connection stays open. After a large one
 * the connection closes instead: draining megabytes for every refused request costs as much reading as serving it
 * (clients that retry a large batch each second kept the carriers busy draining). A client that sends
 * {@code Expect: 100-continue} sees the 503 before it sends the body; one that does not may see the connection reset
 * while it is still sending.
 */
public final class WriteAdmission implements Filter {
    /** Past this fill of its fullest queue the pipeline takes no more batches; below it there is room for several. */
    static final double HIGH_WATER = 0.5;
    private static final long WAIT_MILLIS = 200;

    private final DoubleSupplier pipelineFill;
    private final Predicate<RoutingRequest> pipelineWrite;
    private final long maxBody;
    private final int budgetKib;
    private final Semaphore budget;
    private final CredentialShares shares;
    private final LongAdder refused = new LongAdder();

    /**
     * @param pipelineFill  how full the pipeline's fullest queue is, 0 to 1
     * @param pipelineWrite which requests are writes that go through the pipeline
     * @param budgetBytes   the bodies that may be in hand at once, in bytes
     * @param maxBody       the largest body the server takes
     */
    public WriteAdmission(DoubleSupplier pipelineFill, Predicate<RoutingRequest> pipelineWrite, long budgetBytes, long maxBody) {
        this.pipelineFill = pipelineFill;
        this.pipelineWrite = pipelineWrite;
        this.maxBody = maxBody;
        this.budgetKib = (int) Math.min(Integer.MAX_VALUE, Math.max(kib(maxBody), budgetBytes / 1024));
        this.budget = new Semaphore(budgetKib);
        this.shares = new CredentialShares(budgetKib / 4);
    }

    /**
     * The budget for a heap of this size: a sixteenth of it, between two and eight of the largest bodies. More would
     * not help: a handful of large batches fill the pipeline, and the rest would only wait for a parsing slot.
     */
    public static long budgetFor(long maxHeapBytes, long maxBody) {
        return Math.min(8 * maxBody, Math.max(2 * maxBody, maxHeapBytes / 16));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.content().hasEntity()) {
            chain.proceed();
            return;
        }
        if (pipelineWrite.test(req) && pipelineFill.getAsDouble() >= HIGH_WATER) {
            refuse(req, res, "the ingest pipeline is full; retry shortly");
            return;
        }
        int weight = kib(announcedLength(req));
        Principal caller = Authentication.principal(req);
        if (!shares.take(caller, weight)) {
            refuse(req, res, "this credential is sending as many request bodies at once as it may; retry shortly");
            return;
        }
        try {
            if (!admitted(weight)) {
                refuse(req, res, "the server is reading as many request bodies as it can hold; retry shortly");
                return;
            }
            try {
                chain.proceed();
            } finally {
                budget.release(weight);
            }
        } finally {
            shares.give(caller, weight);
        }
    }

    private boolean admitted(int weight) {
        try {
            return budget.tryAcquire(weight, WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuse(RoutingRequest req, RoutingResponse res, String detail) {
        refused.increment();
        boolean bodyWillNotCome = req.headers().containsToken(HeaderValues.EXPECT_100) && !req.continueSent();
        if (bodyWillNotCome || announcedLength(req) >= CpuBoundWork.LARGE_BODY) ConnectionClosing.afterResponse(req);
        Problems.send(req, res, new ProblemException(ProblemType.OVERLOADED, detail));
    }

    private long announcedLength(RoutingRequest req) {
        if (req.headers().contains(HeaderNames.TRANSFER_ENCODING)) return maxBody;
        return Math.min(maxBody, req.headers().contentLength().orElse(maxBody));
    }

    /** Kibibytes, rounded up, and one more for what a request holds besides its body. */
    private static int kib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + 1023) / 1024 + 1);
    }

    /** Requests answered 503 here, before their body was read. */
    public long refused() {
        return refused.sum();
    }

    /** The part of the budget that the bodies in hand take now, from 0 to 1. */
    public double budgetInUse() {
        return 1 - (double) budget.availablePermits() / budgetKib;
    }
}
