package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request target with a character that must be percent-encoded, as an unencoded example URL pasted into a terminal
 * sends it: the 400 says which character and where. Sent over a raw socket, since HTTP clients refuse to send it.
 */
class RequestTargetTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void anIllegalCharacterInTheQueryIsNamedWithItsPosition() throws IOException {
        String query = "type=ParkingSpot&geometry=Point&coordinates=[105.85,21.03]";
        JsonNode problem = badRequest("/ngsi-ld/v1/entities?" + query);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("char: '['").contains("index: " + query.indexOf('['));
        assertThat(badRequest("/ngsi-ld/v1/entities?type=A|B").path("detail").asText()).contains("index: 6, char: 0x7c");
    }

    private static JsonNode badRequest(String target) throws IOException {
        URI base = URI.create(running.server.city.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: Bearer " + TestServer.ADMIN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            return Api.parse(response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }
}
