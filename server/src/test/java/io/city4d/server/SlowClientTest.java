package io.city4d.server;

import static io.city4d.server.RawHttp.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that connect and then send a request slowly, or not at all, are cut off within bounded times, so that they
 * cannot hold the server's connections and file handles; and clients that give up mid-request leave no trace in the log.
 */
class SlowClientTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();
    private static final String HEAD = "POST /ngsi-ld/v1/entities HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServer.ADMIN
            + "\r\nContent-Type: application/json\r\n";

    /** Requests stopped at each stage a slow client can stop in, by what each sends before it stalls. */
    static Map<String, byte[]> stalled() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("nothing", new byte[0]);
        out.put("half a request line", bytes("GET /hea"));
        out.put("half the headers", bytes("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
        out.put("part of a body", bytes(HEAD + "Content-Length: 1000\r\n\r\n{\"id\":"));
        out.put("part of a chunked body", bytes(HEAD + "Transfer-Encoding: chunked\r\n\r\n400\r\n{\"id\":"));
        return out;
    }

    static List<Socket> open(int port, byte[] sent, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.getOutputStream().write(sent);
            s.getOutputStream().flush();
            sockets.add(s);
        }
        return sockets;
    }

    @Test
    void stalledRequestsAreClosedByTheServer() throws Exception {
        Map<String, List<Socket>> stalled = new LinkedHashMap<>();
        try (LogCapture log = new LogCapture()) {
            for (var e : stalled().entrySet()) stalled.put(e.getKey(), open(running.server.city.httpPort(), e.getValue(), 20));
            // The idle timeout (15 s, checked each second) is the longest: a request line must begin by then.
            long deadline = System.nanoTime() + (HttpEdge.IDLE.toMillis() + 4_000) * 1_000_000L;
            for (var e : stalled.entrySet()) {
                for (Socket s : e.getValue()) {
                    int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
                    RawHttp.Answer answer = RawHttp.read(s, left);
                    assertThat(answer.closedByServer()).as(e.getKey() + ": " + answer).isTrue();
                    // A stalled body may also be refused (503) before it is read: while stalled, each holds its share of
                    // the body budget, a whole largest body when chunked.
                    assertThat(answer.statuses()).as(e.getKey()).allMatch(status -> status < 500 || status == 503);
                }
            }
            assertThat(log.warnings()).isEmpty();
        } finally {
            for (List<Socket> sockets : stalled.values()) for (Socket s : sockets) s.close();
        }
        assertThat(running.api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void clientsThatGiveUpMidRequestLeaveNoTraceInTheLog() throws Exception {
        try (LogCapture log = new LogCapture()) {
            List<Socket> all = new ArrayList<>();
            for (byte[] sent : stalled().values()) all.addAll(open(running.server.city.httpPort(), sent, 20));
            Thread.sleep(300);
            for (Socket s : all) s.close();
            Thread.sleep(1_000);
            assertThat(running.api.get("/health").status()).isEqualTo(200);
            assertThat(log.warnings()).isEmpty();
        }
    }
}
