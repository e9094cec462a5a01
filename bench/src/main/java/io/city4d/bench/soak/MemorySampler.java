package io.city4d.bench.soak;

import io.city4d.bench.http.Endpoint;
import io.city4d.bench.http.HttpConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the server process's resident memory every second, and its heap in use and heap limit from its own /metrics
 * every five, keeping the largest of each. Resident memory is split in two: what the process owns (anonymous and
 * shared memory: ZGC's heap is shared memory) and the pages of files it maps (the SQLite store maps its file for
 * reads), which are the kernel's page cache and given back under memory pressure.
 */
final class MemorySampler implements AutoCloseable {
    final AtomicLong largestOwned = new AtomicLong();
    final AtomicLong largestFileMapped = new AtomicLong();
    final AtomicLong largestHeapUsed = new AtomicLong();
    final AtomicLong heapLimit = new AtomicLong();
    private final long pid;
    private final Endpoint endpoint;
    private final Thread thread;
    private volatile boolean running = true;

    MemorySampler(long pid, Endpoint endpoint) {
        this.pid = pid;
        this.endpoint = endpoint;
        this.thread = Thread.ofPlatform().daemon().name("soak-memory").start(this::sample);
    }

    private void sample() {
        for (int tick = 0; running; tick++) {
            resident();
            if (tick % 5 == 0) heap();
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void resident() {
        long owned = 0;
        long file = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("RssAnon:") || line.startsWith("RssShmem:")) owned += kib(line);
                else if (line.startsWith("RssFile:")) file = kib(line);
            }
        } catch (IOException | RuntimeException e) {
            return; // the process has gone: nothing to sample
        }
        largestOwned.accumulateAndGet(owned, Math::max);
        largestFileMapped.accumulateAndGet(file, Math::max);
    }

    private static long kib(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", "")) * 1024;
    }

    /** The heap in use, summed over the heap pools, and the limit: the largest pool's (-Xmx for G1's old and ZGC's generations). */
    private void heap() {
        try (HttpConnection http = endpoint.connect()) {
            String metrics = http.exchange(endpoint.requests().get("/metrics")).text();
            long used = 0;
            long max = 0;
            for (String line : metrics.split("\n")) {
                if (!line.contains("area=\"heap\"")) continue;
                long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("jvm_memory_used_bytes")) used += value;
                else if (line.startsWith("jvm_memory_max_bytes")) max = Math.max(max, value);
            }
            largestHeapUsed.accumulateAndGet(used, Math::max);
            if (max > 0) heapLimit.set(max);
        } catch (IOException | RuntimeException e) {
            // a busy server may not answer in time; the next sample will
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
