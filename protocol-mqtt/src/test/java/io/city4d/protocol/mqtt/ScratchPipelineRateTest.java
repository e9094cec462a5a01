package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.security.Principal;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchPipelineRateTest {
    @TempDir Path dir;

    @Test
    void rate() throws Exception {
        try (TestCity city = new TestCity(dir)) {
            String[] keys = new String[4];
            Principal[] ps = new Principal[4];
            for (int d = 0; d < 4; d++) { keys[d] = city.addDevice("", "p-" + d); ps[d] = city.authenticator.authenticate(keys[d]).get(); }
            int n = 100_000;
            Semaphore window = new Semaphore(4000);
            long start = System.nanoTime();
            CompletableFuture<?> last = null;
            for (int i = 0; i < n; i++) {
                window.acquire();
                int d = i % 4;
                while (true) {
                    try {
                        last = city.telemetry.ingest(ps[d], "", "p-" + d, ("{\"pm25\": " + i + "}").getBytes(UTF_8)).whenComplete((o, t) -> window.release());
                        break;
                    } catch (ProblemException e) { Thread.sleep(1); }
                }
            }
            window.acquire(4000);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.println("PIPELINE RATE " + (n / s) + " /s, commits " + city.pipeline.committedChanges());
        }
    }
}
