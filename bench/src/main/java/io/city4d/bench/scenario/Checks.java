package io.city4d.bench.scenario;

import io.city4d.bench.http.ClosedLoop;

/** Guards that a measured load did what it was meant to, so that no figure hides failed requests. */
final class Checks {
    private Checks() {}

    static void allSucceeded(String label, ClosedLoop.Result result, int expected) {
        if (result.failed() > 0 || result.completed() != expected) {
            throw new IllegalStateException(label + ": " + result.completed() + " of " + expected + " requests succeeded, " + result.failed()
                    + " failed" + (result.firstFailure() == null ? " (time limit)" : "; first failure: " + result.firstFailure()));
        }
    }

    /** Fewer than 1% failures, for loads that may legitimately meet back-pressure now and then. */
    static void mostlySucceeded(String label, ClosedLoop.Result result) {
        if (result.failed() * 100L > result.completed()) {
            throw new IllegalStateException(label + ": " + result.failed() + " failures for " + result.completed() + " successes; first: " + result.firstFailure());
        }
    }
}
