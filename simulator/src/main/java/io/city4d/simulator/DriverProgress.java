package io.city4d.simulator;

import java.time.Duration;

/**
 * How far a driver run has got. {@code sent} counts readings handed to a transport; each ends up acknowledged
 * (stored durably by the server) or failed. {@code backoffs} counts the times the server asked to wait (429/503).
 *
 * @param lastFailure why the latest failure happened, or null when none has
 */
public record DriverProgress(long sent, long acknowledged, long failed, long backoffs, Duration elapsed, String lastFailure) {

    public long inFlight() {
        return sent - acknowledged - failed;
    }

    /** Acknowledged readings per second of wall time so far. */
    public double ratePerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? acknowledged / seconds : 0;
    }
}
