package io.city4d.bench.soak;

import io.city4d.bench.http.HttpConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests over keep-alive connections, each connection on a virtual thread with one request in flight: as fast as
 * the answers come, or at a pace, where a request falls due while every connection waits for an answer is shed (the
 * load generator does not queue what the server cannot take). A connection the server closes is opened again.
 */
final class HttpLoad implements AutoCloseable {
    /** What one connection sends and how it takes the answers. */
    interface Exchange {
        byte[] next(int connection);

        /** Called with each answer; {@code succeeded} for a 2xx. */
        default void answered(int connection, byte[] request, HttpConnection.Response response, boolean succeeded) {}
    }

    private final int port;
    private final Outcomes outcomes;
    private final Exchange exchange;
    private final Semaphore due = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private final int connections;
    private volatile boolean running = true;

    /** @param perSecond requests per second over all connections, or 0 for as fast as they are answered */
    HttpLoad(String name, int port, int connections, int perSecond, Outcomes outcomes, Exchange exchange) {
        this.port = port;
        this.outcomes = outcomes;
        this.exchange = exchange;
        this.connections = connections;
        for (int c = 0; c < connections; c++) {
            int connection = c;
            threads.add(Thread.ofVirtual().name("soak-" + name + "-" + c).start(() -> work(connection, perSecond > 0)));
        }
        if (perSecond > 0) threads.add(Thread.ofPlatform().daemon().name("soak-" + name + "-pacer").start(() -> pace(perSecond)));
    }

    private void pace(int perSecond) {
        long period = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        while (running) {
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (due.availablePermits() >= connections) outcomes.shed();
            else due.release();
        }
    }

    private void work(int connection, boolean paced) {
        HttpConnection http = null;
        while (running) {
            try {
                if (paced && !due.tryAcquire(50, TimeUnit.MILLISECONDS)) continue;
                if (http == null) http = new HttpConnection("127.0.0.1", port);
                byte[] request = exchange.next(connection);
                HttpConnection.Response response = http.exchange(request);
                exchange.answered(connection, request, response, outcomes.record(response));
                if (response.closes()) {
                    http.close();
                    http = null;
                }
            } catch (IOException e) {
                if (running) outcomes.dropped();
                if (http != null) http.close();
                http = null;
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                outcomes.fail("load generator: " + e);
            }
        }
        if (http != null) http.close();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) thread.join(TimeUnit.SECONDS.toMillis(40));
    }
}
