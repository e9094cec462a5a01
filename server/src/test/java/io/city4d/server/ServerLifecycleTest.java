package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed server leaves no thread of its own running: an application embedding City4D, a test suite or the benchmark
 * starts and stops many in one JVM.
 *
 * <p>Helidon 4.5 leaves one thread behind per stopped web server: its idle-connection timer is never cancelled
 * (helidon-io/helidon#11939, fixed in 27.x), and through its task the stopped server's routes, and so City4D's pipeline
 * and store, stay reachable. That is why closing the pipeline and the store also empties their caches, which are
 * what a server holds in memory (about 230 MB once a million entities have passed through it).
 */
class ServerLifecycleTest {

    @Test
    void aClosedServerStopsItsThreads(@TempDir Path dir) throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (Receiver receiver = new Receiver()) {
            TestServer server = new TestServer(dir);
            exerciseEveryPart(server.api(), receiver);
            server.close();
        }

        List<String> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName).filter(ServerLifecycleTest::startedByTheServer).sorted().toList();
            if (left.isEmpty()) break;
            Thread.sleep(100);
        }
        assertThat(left).as("threads still running after close").isEmpty();
    }

    /**
     * City4D's own threads, Helidon's listener and the store's pool. Not the JVM's shared ones (carrier threads of
     * virtual threads, the common pool), nor those of JDK HTTP clients, which end once their client is collected.
     */
    private static boolean startedByTheServer(String name) {
        return name.startsWith("city4d") || name.startsWith("server-") || name.startsWith("HikariPool");
    }

    /** Writes, a notification, history, discovery and an aggregation, so that what starts on first use has started. */
    private static void exerciseEveryPart(Api api, Receiver receiver) {
        String type = "LifecycleProbe";
        String subscription = "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"" + type + "\"}],\"notification\":{\"endpoint\":{\"uri\":\""
                + receiver.url("/n") + "\"}}}";
        assertThat(api.post(NGSI + "/subscriptions", subscription).status()).isEqualTo(201);
        for (int i = 0; i < 20; i++) {
            assertThat(api.post(NGSI + "/entities", TestServer.station("urn:ngsi-ld:" + type + ":" + i, i, 105.85, 21.03)
                    .replace("AirQualityObserved", type)).status()).isEqualTo(201);
        }
        assertThat(receiver.take()).as("a notification was sent").isNotNull();
        assertThat(api.get(NGSI + "/types").status()).isEqualTo(200);
        assertThat(api.get(NGSI + "/temporal/entities/urn:ngsi-ld:" + type + ":1?attrs=pm25&options=aggregatedValues&aggrMethods=avg"
                + "&aggrPeriodDuration=PT1H").status()).isEqualTo(200);
    }
}
