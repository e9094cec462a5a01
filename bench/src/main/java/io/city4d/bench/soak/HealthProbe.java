package io.city4d.bench.soak;

import io.city4d.bench.http.HttpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asks /health every 100 ms on a keep-alive connection of its own, as a load balancer would, and keeps the slowest
 * answer and how many took longer than the bound. A refused or lost connection counts as an answer over the bound.
 * It probes from a small JVM of its own: in the load generator's, under hundreds of busy virtual threads, the probe's
 * own waits for the processor were counted as the server's (seconds, where curl in a process of its own saw a tenth).
 */
final class HealthProbe implements AutoCloseable {
    static final long BOUND_NANOS = 100_000_000L;
    private static final byte[] REQUEST = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final LongAdder asked = new LongAdder();
    final LongAdder overBound = new LongAdder();
    final AtomicLong slowestNanos = new AtomicLong();
    private final int port;
    private final Process process;
    private volatile boolean running = true;

    private HealthProbe(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts probing the server on this port from a JVM of its own, until closed. A load balancer probes from another
     * machine; here the probe shares the processors with the server and the load generator, so it runs at a higher
     * priority (nice -10, when the user may; otherwise nice only warns) lest its own waits count as the server's.
     */
    static HealthProbe start(int port) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder("nice", "-n", "-10", java.toString(), "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), HealthProbe.class.getName(), Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new HealthProbe(port, process);
    }

    /** In the probe's own JVM: probes until its standard input closes, then prints what it saw. */
    public static void main(String[] args) throws Exception {
        HealthProbe probe = new HealthProbe(Integer.parseInt(args[0]), null);
        Thread thread = Thread.ofPlatform().name("soak-health").start(probe::probe);
        while (System.in.read() >= 0) {
            // until the soak closes the pipe
        }
        probe.running = false;
        thread.join(5_000);
        System.out.println(probe.asked.sum() + " " + probe.overBound.sum() + " " + probe.slowestNanos.get());
    }

    private void probe() {
        HttpConnection http = null;
        long next = System.nanoTime();
        while (running) {
            long started = System.nanoTime();
            boolean ok;
            try {
                if (http == null) http = new HttpConnection("127.0.0.1", port);
                ok = http.exchange(REQUEST).status() == 200;
            } catch (IOException e) {
                ok = false;
                if (http != null) http.close();
                http = null;
            }
            long took = System.nanoTime() - started;
            asked.increment();
            slowestNanos.accumulateAndGet(took, Math::max);
            if (!ok || took > BOUND_NANOS) overBound.increment();
            next += 100_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    break;
                }
            } else {
                next = System.nanoTime();
            }
        }
        if (http != null) http.close();
    }

    /** Ends the probe's process and takes what it saw. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (!process.isAlive() && asked.sum() > 0) return;
        process.getOutputStream().close();
        String[] seen = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
        process.waitFor();
        if (seen.length != 3) throw new IllegalStateException("the health probe printed nothing");
        asked.add(Long.parseLong(seen[0]));
        overBound.add(Long.parseLong(seen[1]));
        slowestNanos.set(Long.parseLong(seen[2]));
    }
}
