package io.city4d.server;

import io.city4d.api.common.Problems;
import io.city4d.api.common.ReadDeadlines;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;

/** The web server's own limits: how long a request line may be, how slow and how idle a client may be, how many may connect. */
final class HttpEdge {
    /** Long enough for the longest q the parser takes (8192 characters, percent-encoded). */
    private static final int MAX_REQUEST_LINE = 32 * 1024;
    /** A keep-alive connection with no request for this long is closed (Helidon checks once a second). */
    static final Duration IDLE = Duration.ofSeconds(15);

    private HttpEdge() {}

    static WebServer webServer(ServerConfig config, HttpRouting.Builder routing) {
        ReadDeadlines deadlines = ReadDeadlines.instance();
        return WebServer.builder()
                .host(config.host())
                .port(config.httpPort())
                .maxPayloadSize(config.maxBodyBytes())
                .idleConnectionTimeout(IDLE)
                .idleConnectionPeriod(Duration.ofSeconds(1))
                .maxTcpConnections(FileBudget.httpConnections())
                // Only this HTTP/1.1 configuration: with the discovered default beside it, Helidon would read a new
                // connection's first bytes to choose between the two, with no timeout, before any idle timeout applies.
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE)
                        .addReceiveListener(deadlines).addSendListener(deadlines).build())
                .directHandlers(Problems.directHandlers())
                // Hands the problem body Helidon's own reason for a refused request line, such as which character of the
                // query is illegal and where; Helidon passes only the messages it marks safe to show.
                .errorHandling(e -> e.includeEntity(true))
                .routing(routing)
                .build();
    }
}
