package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /metrics reads every gauge after garbage collections: a gauge holds its object weakly, so an object only it held was gone (NaN). */
class MetricsTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void everyGaugeHasAValueAfterGarbageCollection() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        String metrics = running.api.get("/metrics").body();
        assertThat(metrics).contains("city4d_stored_documents_skipped{collection=\"subscriptions\"} 0.0");
        assertThat(metrics.lines().filter(l -> l.startsWith("city4d_") && l.endsWith(" NaN")).toList()).isEmpty();
    }
}
