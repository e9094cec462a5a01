package io.city4d.bench.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hostile requests, each on a connection of its own written as raw bytes and then half-closed, as the probe
 * sent them: malformed methods and chunked bodies, truncated bodies, numbers and strings no store holds, queries and
 * geometries past the limits, unknown contexts. Every one must get a 4xx (or a 503 with Retry-After) or be taken.
 */
final class HostileLoad implements AutoCloseable {
    final Outcomes outcomes = new Outcomes("hostile input");
    final LongAdder unanswered = new LongAdder();
    private final int port;
    private final List<byte[]> requests;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    HostileLoad(int port, String token, int threads, int perSecondEach) {
        this.port = port;
        this.requests = requests(token);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            this.threads.add(Thread.ofVirtual().name("soak-hostile-" + t).start(() -> send(offset, perSecondEach)));
        }
    }

    private void send(int offset, int perSecond) {
        for (int i = offset; running; i++) {
            byte[] request = requests.get(i % requests.size());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                socket.shutdownOutput();
                String status = head(socket.getInputStream());
                if (status == null) {
                    unanswered.increment();
                } else {
                    int code = Integer.parseInt(status.substring(9, 12));
                    if (code >= 500 && !(code == 503 && status.contains("Retry-After"))) outcomes.fail(status.lines().findFirst().orElse(status)
                            + " for " + new String(request, 0, Math.min(80, request.length), StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n"));
                    else if (code / 100 == 2) outcomes.succeeded.increment();
                    else outcomes.clientErrors.increment();
                }
            } catch (SocketTimeoutException e) {
                outcomes.fail("no answer within 30 s to " + new String(request, 0, Math.min(80, request.length), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                unanswered.increment();
            }
            try {
                Thread.sleep(1_000 / perSecond);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The status line and headers of the answer, or null when the server closed without one. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        int matched = 0;
        while ((c = in.read()) >= 0 && head.size() < 16_384) {
            head.write(c);
            matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
            if (matched == 4) break;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? text : null;
    }

    private static List<byte[]> requests(String token) {
        String auth = "Authorization: Bearer " + token + "\r\n";
        String host = "Host: 127.0.0.1\r\n";
        String entity = "/ngsi-ld/v1/entities";
        List<String> texts = new ArrayList<>();
        texts.add("G\0ET /health HTTP/1.1\r\n" + host + "\r\n");
        texts.add("GET /events HTTP/1.1\r\n" + host + auth + "Accept: application/json\r\n\r\n");
        texts.add(post(entity, auth, "Transfer-Encoding: chunked\r\n", "2a;a=b\r\n{\"id\":\"urn:h:chunk\",\"type\":\"Hostile\",\"n\":1}\r\n0\r\n\r\n"));
        texts.add(post(entity, auth, "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n"));
        texts.add(post(entity, auth, "Transfer-Encoding: chunked\r\n", "ffffffffffffffff\r\n{}\r\n0\r\n\r\n"));
        texts.add(post(entity, auth, "Transfer-Encoding: chunked\r\n", "40\r\n{\"id\":\"urn:h:cut\""));
        texts.add(post(entity, auth, "Content-Length: 500\r\n", "{\"id\":\"urn:h:short\",\"type\":\"Hostile\"}"));
        texts.add(post(entity, auth, "", "{\"id\":\"urn:h:inf\",\"type\":\"Hostile\",\"n\":1e999}"));
        texts.add(post(entity, auth, "", "{\"id\":\"urn:h:\\ud800\",\"type\":\"Hostile\"}"));
        texts.add(post(entity, auth, "", "{\"id\":\"urn:h:\\udc00\",\"type\":\"Hostile\",\"s\":\"\\ud800\"}"));
        texts.add(post("/ingest/v1/devices/soak-0", auth, "", "{\"pm25\": 1, \"ts\": 1e20}"));
        texts.add(post("/ingest/v1/devices/soak-0", auth, "", "{\"pm25\": 1, \"ts\": 99999999999999999999}"));
        texts.add("GET " + entity + "?type=Hostile&q=" + URLEncoder.encode("n==" + "1,".repeat(600) + "1", StandardCharsets.UTF_8) + " HTTP/1.1\r\n" + host + auth + "\r\n");
        texts.add("GET " + entity + "?type=Hostile&q=" + URLEncoder.encode("n==1" + ";n==1".repeat(150), StandardCharsets.UTF_8) + " HTTP/1.1\r\n" + host + auth + "\r\n");
        texts.add("GET " + entity + "?type=Hostile&coordinates=[1,2] HTTP/1.1\r\n" + host + auth + "\r\n");
        texts.add("GET " + entity + "?type=Hostile HTTP/1.1\r\n" + host + auth + "Link: <http://127.0.0.1:1/nope>; rel=\"http://www.w3.org/ns/json-ld#context\"\r\n\r\n");
        texts.add("GET /ngsi-ld/v1/jsonldContexts/nope HTTP/1.1\r\n" + host + "\r\n");
        texts.add("GET /ngsi-ld/v1/jsonldContexts/ HTTP/1.1\r\n" + host + "Authorization: Bearer \r\n\r\n");
        texts.add("GET / HTTP/1.1\r\n" + host + "X-Big: " + "x".repeat(70_000) + "\r\n\r\n");
        texts.add(post("/ngsi-ld/v1/subscriptions", auth, "", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"Hostile\"}],\"geoQ\":{\"georel\":\"within\","
                + "\"geometry\":\"Polygon\",\"coordinates\":[[" + "[1,1],".repeat(100_000) + "[1,1]]]},\"notification\":{\"endpoint\":{\"uri\":\"http://127.0.0.1:9/\"}}}"));
        texts.add(post("/ngsi-ld/v1/subscriptions", auth, "", "{\"type\":\"Subscription\",\"entities\":[{\"type\":\"Hostile\"}],"
                + "\"notification\":{\"endpoint\":{\"uri\":\"http://169.254.169.254/latest/meta-data/\"}}}"));
        texts.add("PATCH " + entity + "/urn:h:none/attrs HTTP/1.1\r\n" + host + auth + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{");
        List<byte[]> out = new ArrayList<>();
        for (String text : texts) out.add(text.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static String post(String path, String auth, String headers, String body) {
        String length = headers.contains("Content-Length") || headers.contains("chunked") ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "Content-Type: application/json\r\n" + headers + length + "\r\n" + body;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) thread.join(40_000);
    }
}
