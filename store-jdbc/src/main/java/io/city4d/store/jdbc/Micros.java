package io.city4d.store.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** History instants are stored as microseconds since the epoch, which covers ±290,000 years. */
final class Micros {
    private Micros() {}

    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
