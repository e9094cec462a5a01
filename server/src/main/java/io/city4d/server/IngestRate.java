package io.city4d.server;

import io.city4d.core.pipeline.ChangeListener;
import io.city4d.core.port.Change;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** Changes per second over the last minute, for the status page. */
final class IngestRate implements ChangeListener {
    private static final int SECONDS = 60;
    private final AtomicLongArray counts = new AtomicLongArray(SECONDS);
    private final AtomicLongArray stamps = new AtomicLongArray(SECONDS);

    @Override
    public void committed(List<Change> changes) {
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % SECONDS);
        if (stamps.getAndSet(slot, second) != second) counts.set(slot, 0);
        counts.addAndGet(slot, changes.size());
    }

    /** The mean rate over the last ten whole seconds. */
    double perSecond() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        for (long s = now - 10; s < now; s++) {
            int slot = (int) (s % SECONDS);
            if (stamps.get(slot) == s) total += counts.get(slot);
        }
        return total / 10.0;
    }
}
