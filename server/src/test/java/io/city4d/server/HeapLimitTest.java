package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started with the launcher's JVM options (scripts/jvm-options.sh) stays within its heap under a flood of
 * large batches: its resident memory stays below the heap plus what the JVM needs besides, and it never fails a
 * request for want of memory.
 */
class HeapLimitTest {
    private static final String TOKEN = "heap-limit-admin-token-42";
    /** Small, so that the flood below would need several times as much if the server did not bound what it reads. */
    private static final int HEAP_MIB = 320;
    /** Metaspace, code, thread stacks, GC structures and SQLite's page cache: what a JVM holds besides its heap. */
    private static final int NON_HEAP_MIB = 420;
    private static final int CLIENTS = 32;
    private static final int BATCH = 3_000;

    @Test
    void aFloodOfLargeBatchesStaysWithinTheHeapLimit(@TempDir Path data) throws Exception {
        List<String> options = launcherOptions();
        assertThat(options).contains("-Xmx" + HEAP_MIB + "m");
        int port = TestServer.freePort();
        Process server = start(options, data, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong maxRssKib = new AtomicLong();
        try {
            String body = batch();
            long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        int status = upsert(http, port, body);
                        if (status >= 500 && status != 503) failures.add("status " + status);
                        if (status == 503) sleep(1_000);
                    }
                });
            }
            while (System.nanoTime() < end) {
                maxRssKib.accumulateAndGet(rssKib(server.pid()), Math::max);
                sleep(200);
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(90, TimeUnit.SECONDS)).as("the flood's requests were answered; server log: " + log(data)).isTrue();
            maxRssKib.accumulateAndGet(rssKib(server.pid()), Math::max);
            assertThat(server.isAlive()).as("the server survived the flood; its log: " + log(data)).isTrue();
            assertThat(health(http, port)).isEqualTo(200);
        } finally {
            server.destroyForcibly().waitFor();
        }
        System.out.println("HeapLimitTest: resident memory peaked at " + maxRssKib.get() / 1024 + " MiB with -Xmx" + HEAP_MIB + "m");
        assertThat(failures).as("requests failed for want of memory; server log: " + log(data)).isEmpty();
        assertThat(log(data)).doesNotContain("OutOfMemoryError");
        assertThat(maxRssKib.get() / 1024).as("resident memory in MiB").isLessThan(HEAP_MIB + NON_HEAP_MIB);
    }

    /** The JVM options of the launcher, with the heap chosen as a user would choose it. */
    private static List<String> launcherOptions() throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/jvm-options.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
        pb.environment().put("CITY4D_HEAP", HEAP_MIB + "m");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static Process start(List<String> options, Path data, int port) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--http-port", Integer.toString(port), "--mqtt-port", "-1", "--data", data.resolve("db").toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CITY4D_ADMIN_TOKEN", TOKEN);
        pb.redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && p.isAlive()) {
            if (health(http, port) == 200) return p;
            sleep(100);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the server did not become healthy: " + log(data));
    }

    private static int health(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int upsert(HttpClient http, int port, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ngsi-ld/v1/entityOperations/upsert"))
                .expectContinue(true).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException gone) {
            // the process has ended
        }
        return 0;
    }

    private static String batch() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            if (i > 0) b.append(',');
            b.append("{\"id\":\"urn:ngsi-ld:Heap:").append(i).append("\",\"type\":\"Heap\"");
            for (int a = 0; a < 10; a++) b.append(",\"attribute").append(a).append("\":{\"type\":\"Property\",\"value\":").append(a * 1.25).append('}');
            b.append('}');
        }
        return b.append(']').toString();
    }

    private static String log(Path data) {
        try {
            String all = Files.readString(data.resolve("server.log"));
            return all.length() > 4_000 ? all.substring(all.length() - 4_000) : all;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
