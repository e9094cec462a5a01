package io.city4d.bench;

import java.util.Locale;
import java.util.function.LongSupplier;

/** Shows on stderr how far a long operation is, every two seconds, and a last line when it ends. */
public final class Progress implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 2_000;
    private final String label;
    private final LongSupplier done;
    private final long total;
    private final long start = System.nanoTime();
    private final Thread ticker;

    private Progress(String label, LongSupplier done, long total) {
        this.label = label;
        this.done = done;
        this.total = total;
        this.ticker = Thread.ofPlatform().daemon().name("bench-progress").start(this::tick);
    }

    public static Progress track(String label, LongSupplier done, long total) {
        return new Progress(label, done, total);
    }

    public static void say(String message) {
        System.err.println(message);
    }

    private void tick() {
        try {
            while (true) {
                Thread.sleep(INTERVAL_MILLIS);
                say(line());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private String line() {
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "  %s: %,d/%,d (%.1f s)", label, done.getAsLong(), total, seconds);
    }

    @Override
    public void close() {
        ticker.interrupt();
        say(line());
    }
}
