package io.city4d.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The simulated sensor of one device: it writes that device's reading for an instant into a payload. */
interface ReadingSource {
    void fill(ObjectNode payload, Instant at);

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
