package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.RawHttp.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.api.common.RequestBulkhead;
import io.city4d.core.security.Role;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests in hand are bounded, and no credential but an admin may hold more than a quarter of them: a client that
 * stalls its uploads is told to come back later, while other clients and /health are answered. Each stalled upload
 * below holds its turn until its body deadline (10 s), so every test finishes well within it.
 */
class RequestBulkheadTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();
    private static final int TURNS = RequestBulkhead.turnsFor(Runtime.getRuntime().availableProcessors());

    private static byte[] stalledUpload(String token) {
        return bytes("POST " + NGSI + "/entities HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":");
    }

    private static String issue(String name, Role role) {
        return running.server.city.authenticator().issue(name, role, null, null).secret();
    }

    @Test
    void aCredentialHoldsAtMostAQuarterOfTheRequestsInHand() throws Exception {
        String uploader = issue("stalling uploader", Role.OPERATOR);
        List<Socket> stalled = SlowClientTest.open(running.server.city.httpPort(), stalledUpload(uploader), TURNS / 4);
        try {
            Thread.sleep(300); // the stalled uploads reach their handlers
            Api.Response refused = running.api.token(uploader).get(NGSI + "/types");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(refused.json().get("detail").asText()).contains("this credential has as many requests in hand as it may");

            assertThat(running.api.token(issue("another operator", Role.OPERATOR)).get(NGSI + "/types").status())
                    .as("another credential has turns left").isEqualTo(200);
            assertThat(running.api.get("/health").status()).isEqualTo(200);
        } finally {
            for (Socket s : stalled) s.close();
        }
        assertThat(running.api.get("/metrics").body()).containsPattern("city4d_http_requests_unserved_total [1-9]");
    }

    @Test
    void whenEveryTurnIsHeldRequestsAreRefusedAndHealthIsAnswered() throws Exception {
        // admins have no share, so one admin can hold them all
        List<Socket> stalled = SlowClientTest.open(running.server.city.httpPort(), stalledUpload(TestServer.ADMIN), TURNS);
        try {
            Thread.sleep(300);
            long start = System.nanoTime();
            Api.Response refused = running.api.token(issue("late reader", Role.READER)).get(NGSI + "/types");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isPresent();
            assertThat(refused.json().get("detail").asText()).contains("handling as many requests as it can");
            assertThat(waitedMillis).as("it waited for a turn first").isGreaterThanOrEqualTo(450);

            for (String free : List.of("/health", "/api/v1/status")) {
                assertThat(running.api.get(free).status()).as(free + " takes no turn").isEqualTo(200);
            }
        } finally {
            for (Socket s : stalled) s.close();
        }
        assertThat(running.api.get(NGSI + "/types").status()).as("turns come back with the connections").isEqualTo(200);
    }
}
