package io.city4d.api.common;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the CPU-heavy part of a request, parsing a large body into commands, on fewer threads at once than there are
 * processors. A virtual thread keeps its carrier until it blocks, so with every processor parsing a 4 MB batch, every
 * other request, /health included, waits for seconds; with one processor always left, it does not. The processors are
 * the process's, so the slots are too.
 */
public final class CpuBoundWork {
    /** Bodies smaller than this parse in well under a millisecond and need no slot. */
    public static final int LARGE_BODY = 64 * 1024;
    private static final long WAIT_SECONDS = 10;
    private static final CpuBoundWork SHARED = new CpuBoundWork(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));

    private final Semaphore slots;
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

    CpuBoundWork(int slots) {
        this.slots = new Semaphore(slots);
    }

    public static CpuBoundWork shared() {
        return SHARED;
    }

    /** Runs the work for a body of this size in a slot when it is large; a slot already held by this thread serves. */
    public <T> T run(long bodyBytes, Supplier<T> work) {
        if (bodyBytes < LARGE_BODY || holding.get()) return work.get();
        try {
            if (!slots.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ProblemException(ProblemType.OVERLOADED, "the server is busy parsing other large bodies; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.OVERLOADED, "interrupted while waiting to parse the body");
        }
        holding.set(true);
        try {
            return work.get();
        } finally {
            holding.set(false);
            slots.release();
        }
    }
}
