package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.RawHttp.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests that break the rules of HTTP/1.1 (or use its rarer parts) sent as exact bytes over a socket: each gets one
 * 4xx answer with a problem body, or is accepted correctly; none gets a 500, writes anything half, or logs a stack trace.
 */
class HostileHttpTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();
    private static final String AUTH = "Authorization: Bearer " + TestServer.ADMIN + "\r\n";
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture();
    }

    @AfterEach
    void nothingLogged() {
        try {
            assertThat(log.warnings()).as("hostile requests are the client's problem, not the log's").isEmpty();
        } finally {
            log.close();
        }
    }

    static int port() {
        return running.server.city.httpPort();
    }

    /** A POST of an entity with the given framing headers and body bytes, as the client wrote them. */
    static byte[] post(String path, String framing, String body) {
        return bytes("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Type: application/json\r\n" + framing + "\r\n" + body);
    }

    /** POSTs an entity body framed as given; with halfClose the client then says it will send nothing more. */
    static RawHttp.Answer postEntity(String framing, String body, boolean halfClose) {
        return RawHttp.exchange(port(), post(NGSI + "/entities", framing, body), halfClose, 3_000);
    }

    static String entity(String id) {
        return "{\"id\":\"" + id + "\",\"type\":\"Hostile\"}";
    }

    /**
     * POSTs a device registration framed as given. Chunked bodies are tried on the admin API: the NGSI-LD API takes
     * none (411, see {@link #aChunkedNgsiLdWriteIsAnsweredABare411}).
     */
    static RawHttp.Answer postDevice(String framing, String body, boolean halfClose) {
        return RawHttp.exchange(port(), post("/admin/v1/devices", framing, body), halfClose, 3_000);
    }

    static String device(String id) {
        return "{\"id\":\"" + id + "\",\"entityId\":\"urn:ngsi-ld:Hostile:" + id + "\",\"profile\":\"air-quality\"}";
    }

    static void assertNoDevice(String id) {
        assertThat(running.api.get("/admin/v1/devices").body()).as(id + " must not be registered").doesNotContain("\"" + id + "\"");
    }

    static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        JsonNode problem = Api.parse(answer.body());
        assertThat(problem.path("type").asText()).as(answer.toString()).startsWith("https://");
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(answer.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static void assertNotStored(String id) {
        assertThat(running.api.get(NGSI + "/entities/" + id).status()).as(id + " must not be written").isEqualTo(404);
    }

    @Test
    void aNulByteInTheMethodIsABadRequest() {
        for (String path : List.of("/health", NGSI + "/types", "/")) {
            RawHttp.Answer answer = RawHttp.exchange(port(), bytes("G\0ET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "\r\n"), false, 3_000);
            assertProblem(answer, 400);
            assertThat(answer.closedByServer()).isTrue();
        }
    }

    @Test
    void anEventStreamForAClientThatOnlyTakesJsonIsNotAcceptable() {
        RawHttp.Answer answer = RawHttp.exchange(port(), bytes("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH
                + "Accept: application/json\r\nConnection: close\r\n\r\n"), false, 3_000);
        assertProblem(answer, 406);
    }

    @Test
    void aChunkedNgsiLdWriteIsAnsweredABare411() {
        String id = "urn:ngsi-ld:Hostile:chunked-ngsi";
        String body = entity(id);
        for (String method : List.of("POST", "PATCH", "PUT")) {
            RawHttp.Answer answer = RawHttp.exchange(port(), bytes(method + " " + NGSI + "/entities" + (method.equals("POST") ? "" : "/" + id)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n"), false, 3_000);
            assertThat(answer.status()).as(method + ": " + answer).isEqualTo(411);
            assertThat(answer.body()).as("just a 411 HTTP status code (without any payload body)").isEmpty();
            assertThat(answer.closedByServer()).as("the body was not read").isTrue();
        }
        assertNotStored(id);
    }

    @Test
    void chunkSizesThatAreNotSmallHexNumbersAreBadRequestsAnsweredOnce() {
        String chunked = "Transfer-Encoding: chunked\r\n";
        int i = 0;
        // a chunk extension is valid HTTP, but the web server cannot read past one (see Requests.bytes)
        for (String size : List.of("%x;a=b", "zz", "ffffffffffffffff", "-5", "%x ")) {
            String id = "hostile-chunk-size-" + i++;
            String body = device(id);
            String line = size.contains("%x") ? size.formatted(body.length()) : size;
            RawHttp.Answer answer = postDevice(chunked, line + "\r\n" + body + "\r\n0\r\n\r\n", false);
            assertProblem(answer, 400);
            assertThat(answer.closedByServer()).as("the rest of the stream cannot be framed: " + answer).isTrue();
            assertNoDevice(id);
        }
    }

    @Test
    void bodiesThatEndEarlyAreBadRequests() {
        String body = device("hostile-short-1");
        assertProblem(postDevice("Transfer-Encoding: chunked\r\n", "100\r\n" + body, true), 400);
        assertProblem(postDevice("Transfer-Encoding: chunked\r\n", Integer.toHexString(body.length()) + "\r\n" + body + "\r\n", true), 400);
        assertNoDevice("hostile-short-1");
        String id = "urn:ngsi-ld:Hostile:short-1";
        assertProblem(postEntity("Content-Length: " + (entity(id).length() + 50) + "\r\n", entity(id), true), 400);
        assertNotStored(id);
    }

    @Test
    void trailerFieldsAfterTheLastChunkAreAccepted() {
        String body = device("hostile-trailer-1");
        RawHttp.Answer answer = postDevice("Transfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n",
                Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\nX-Checksum: 42\r\n\r\n", false);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(running.api.get("/admin/v1/devices").body()).contains("\"hostile-trailer-1\"");
        String plain = device("hostile-chunked-1");
        RawHttp.Answer chunked = postDevice("Transfer-Encoding: chunked\r\nConnection: close\r\n",
                Integer.toHexString(plain.length()) + "\r\n" + plain + "\r\n0\r\n\r\n", false);
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(201);
    }

    @Test
    void aResponseThatClosesTheConnectionClosesItAndTheBodyIsNeverReadAsARequest() {
        String inner = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        RawHttp.Answer answer = RawHttp.exchange(port(), bytes("POST /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                + inner.length() + "\r\n\r\n" + inner), false, 3_000);
        assertThat(answer.statuses()).as(answer.toString()).hasSize(1);
        assertThat(answer.closedByServer()).as(answer.toString()).isTrue();
        RawHttp.Answer health = RawHttp.exchange(port(), bytes("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), false, 3_000);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.closedByServer()).as(health.toString()).isTrue();
    }

    @Test
    void malformedJsonIsDescribedWithoutTheParsersInternals() {
        for (String body : List.of("1 2", "{\"a\":1} {\"b\":2}", "[".repeat(100) + "]".repeat(100), "1".repeat(1_200), "{\"a\":NaN}",
                "/* note */ {}", "{'a':1}", "{\"a\":\"\\q\"}", "[1,]", "{\"a\" 1}", "\"open", "\u0000", "{\"a\":01}", "{\"a\":1e}")) {
            Api.Response r = running.api.post(NGSI + "/entities", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            String detail = r.json().path("detail").asText();
            assertThat(detail).as(body).startsWith("the request body is not valid JSON")
                    .doesNotContainIgnoringCase("jackson").doesNotContain("`").doesNotContain("Feature").doesNotContain("Constraints").doesNotContain("bound as");
        }
    }
}
