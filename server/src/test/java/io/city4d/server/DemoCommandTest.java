package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code city4d demo} started twice on one data directory, as processes: when the default MQTT port is taken, the port
 * it falls back to stays the same from one start to the next, and each start prints one admin token line.
 */
class DemoCommandTest {

    @Test
    void aFallbackPortIsKeptAcrossRestartsAndEachStartShowsOneToken(@TempDir Path data) throws Exception {
        try (ServerSocket holder = holdIfFree(ServeOptions.DEFAULT_MQTT_PORT)) {
            List<String> first = startAndStop(data);
            List<String> second = startAndStop(data);
            String endpoint = line(first, "MQTT device endpoint on ");
            assertThat(endpoint).isNotEqualTo("MQTT device endpoint on 127.0.0.1:" + ServeOptions.DEFAULT_MQTT_PORT);
            assertThat(line(second, "MQTT device endpoint on ")).isEqualTo(endpoint);
            assertThat(first).filteredOn(l -> l.startsWith("Port " + ServeOptions.DEFAULT_MQTT_PORT + " is in use")).hasSize(1);
            assertThat(second).noneMatch(l -> l.contains("is in use"));
            assertThat(first).filteredOn(l -> l.contains("Admin token")).hasSize(1).allMatch(l -> l.startsWith("Admin token (shown once"));
            assertThat(second).filteredOn(l -> l.contains("Admin token")).hasSize(1).allMatch(l -> l.startsWith("Admin token (shown once"));
        }
    }

    /** Binds the port when nobody else has it (on a developer machine Mosquitto usually does), so that it is taken either way. */
    private static ServerSocket holdIfFree(int port) {
        try {
            return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        } catch (IOException taken) {
            return null;
        }
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + " in " + lines));
    }

    /** Starts a demo, reads its standard output until it has announced the token, then stops it as Ctrl+C would. */
    private static List<String> startAndStop(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo",
                "--http-port", "0", "--rate", "1", "--data", data.toString());
        pb.environment().remove("CITY4D_ADMIN_TOKEN");
        pb.redirectError(data.resolve("demo-" + System.nanoTime() + ".err").toFile());
        Process demo = pb.start();
        List<String> lines = new ArrayList<>();
        try {
            CompletableFuture<Void> announced = CompletableFuture.runAsync(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = out.readLine(); l != null; l = out.readLine()) {
                        synchronized (lines) {
                            lines.add(l);
                        }
                        if (l.startsWith("Try: ")) return;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            announced.get(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS);
        } finally {
            demo.destroy();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) demo.destroyForcibly().waitFor();
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
