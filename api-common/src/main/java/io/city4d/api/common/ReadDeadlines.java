package io.city4d.api.common;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cuts off clients that send a request too slowly: once the request line has come, the headers must follow within
 * {@link #HEADERS}; a body gets {@link #BODY} and one more second for every {@link #BODY_BYTES_PER_SECOND} bytes that
 * have come, so a client must keep up that rate on average. A connection over its deadline is closed by interrupting
 * its thread, which closes the socket the thread is blocked reading (as Helidon's idle timeout does); Helidon 4.5 has
 * no read timeout of its own. Before a request line, the web server's idle connection timeout applies.
 *
 * <p>Deadlines are kept per connection thread: HTTP/1.1 reads and handles a connection's requests on one thread. The
 * handler that reads a body reports its progress and its end ({@link #bodyProgress}, {@link #bodyReceived}); what it
 * does afterwards has no deadline. A response ends any deadline left, so a body that a handler did not read, and that
 * Helidon drains after the response, must come within the header time.
 */
public final class ReadDeadlines implements Http1ConnectionListener {
    static final Duration HEADERS = Duration.ofSeconds(10);
    static final Duration BODY = Duration.ofSeconds(10);
    static final long BODY_BYTES_PER_SECOND = 64 * 1024;
    private static final ReadDeadlines INSTANCE = new ReadDeadlines();

    private record Deadline(long sinceNanos, long atNanos) {}

    private final Map<Thread, Deadline> deadlines = new ConcurrentHashMap<>();

    private ReadDeadlines() {
        Thread.ofPlatform().name("city4d-read-deadlines").daemon(true).start(this::watch);
    }

    /** The one watchdog of this process: deadlines belong to connection threads, whichever server they serve. */
    public static ReadDeadlines instance() {
        return INSTANCE;
    }

    /** So many bytes of the body of this thread's request have come: its deadline moves on by their share. */
    static void bodyProgress(long received) {
        INSTANCE.deadlines.computeIfPresent(Thread.currentThread(),
                (thread, d) -> new Deadline(d.sinceNanos(), d.sinceNanos() + BODY.toNanos() + received * 1_000_000_000L / BODY_BYTES_PER_SECOND));
    }

    /** The body of this thread's request has been read. */
    static void bodyReceived() {
        INSTANCE.deadlines.remove(Thread.currentThread());
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        start(HEADERS);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        if (hasBody(headers)) start(BODY);
        else deadlines.remove(Thread.currentThread());
    }

    /** Whether a body follows the headers: a handler reads none of Content-Length 0, and then has no deadline. */
    private static boolean hasBody(Headers headers) {
        if (headers.contains(HeaderNames.TRANSFER_ENCODING)) return true;
        try {
            return headers.contentLength().orElse(0) > 0;
        } catch (IllegalArgumentException malformed) {
            // Helidon refuses the request itself in a moment
            return false;
        }
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        deadlines.remove(Thread.currentThread());
    }

    /** Whether this thread's connection has a deadline now. */
    boolean hasDeadline(Thread thread) {
        return deadlines.containsKey(thread);
    }

    private void start(Duration within) {
        long now = System.nanoTime();
        deadlines.put(Thread.currentThread(), new Deadline(now, now + within.toNanos()));
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            deadlines.forEach((thread, deadline) -> {
                if (now - deadline.atNanos() > 0 && deadlines.remove(thread, deadline)) thread.interrupt();
            });
        }
    }
}
