package io.city4d.api.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.AddressPolicy;
import io.city4d.core.subscription.UndeliverableNotification;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Remote @contexts and HTTP notifications connect only where the address policy allows, to the address it checked:
 * a real HTTP server on loopback, reached under names that only a stand-in DNS knows.
 */
class GuardedConnectionsTest {
    @Test
    void aHostIsResolvedOnceAndTheConnectionGoesToTheAddressThatWasChecked() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ConcurrentLinkedQueue<String> hosts = new ConcurrentLinkedQueue<>();
        http.createContext("/ctx.jsonld", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "{\"@context\":{\"Lamp\":\"urn:example:Lamp\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.createContext("/hop", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://rebound.test:" + http.getAddress().getPort() + "/ctx.jsonld");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        http.start();
        int port = http.getAddress().getPort();
        // A stand-in DNS for names of loopback addresses.
        Map<String, List<String>> answers = Map.of("contexts.test", List.of("127.0.0.1"), "rebound.test", List.of("127.0.0.1"),
                "loopback.test", List.of("127.0.0.1"));
        AtomicInteger lookups = new AtomicInteger();
        AddressPolicy.Lookup dns = host -> {
            lookups.incrementAndGet();
            List<String> a = answers.get(host);
            if (a == null) throw new UnknownHostException(host);
            InetAddress[] addresses = new InetAddress[a.size()];
            for (int i = 0; i < addresses.length; i++) addresses[i] = InetAddress.getByName(a.get(i));
            return addresses;
        };
        try (RemoteContexts allowed = new RemoteContexts(new AddressPolicy(List.of("127.0.0.1/32", "contexts.test"), dns));
             RemoteContexts guarded = new RemoteContexts(new AddressPolicy(List.of("contexts.test"), dns))) {
            assertThat(allowed.fetch("http://contexts.test:" + port + "/ctx.jsonld").at("/@context/Lamp").asText()).isEqualTo("urn:example:Lamp");
            assertThat(hosts).as("connected to the checked address, under the host's own name").containsExactly("contexts.test:" + port);
            assertThat(lookups.get()).isEqualTo(1);

            assertThatThrownBy(() -> guarded.fetch("http://loopback.test:" + port + "/ctx.jsonld")).isInstanceOf(ProblemException.class)
                    .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.BAD_REQUEST_DATA);
            assertThatThrownBy(() -> guarded.fetch("http://contexts.test:" + port + "/hop")).as("a redirect is checked like the first hop")
                    .isInstanceOf(ProblemException.class).hasMessageContaining("rebound.test");
            assertThatThrownBy(() -> guarded.fetch("http://nowhere.test:" + port + "/ctx.jsonld")).isInstanceOf(ProblemException.class)
                    .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.LD_CONTEXT_NOT_AVAILABLE);
            assertThat(hosts).as("no request reached a refused host").hasSize(1);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void notificationsGoOnlyToAllowedHostsAfterTheirNamesAreResolved() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        http.createContext("/notify", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("Host") + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + http.getAddress().getPort() + "/notify");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        http.start();
        int port = http.getAddress().getPort();
        // names that resolve to loopback, as a public name might come to resolve to an internal address
        AddressPolicy.Lookup dns = host -> host.endsWith(".test") ? InetAddress.getAllByName("127.0.0.1") : InetAddress.getAllByName(host);
        byte[] body = "{\"type\":\"Notification\"}".getBytes(StandardCharsets.UTF_8);
        try (HttpNotificationTransport allowed = new HttpNotificationTransport(new AddressPolicy(List.of("127.0.0.1/32"), dns));
             HttpNotificationTransport guarded = new HttpNotificationTransport(new AddressPolicy(List.of(), dns))) {
            allowed.send(URI.create("http://receiver.test:" + port + "/notify"), "application/json", body, Map.of("NGSILD-Tenant", "east"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(received).containsExactly("receiver.test:" + port + " {\"type\":\"Notification\"}");

            for (String host : List.of("receiver.test", "127.0.0.1", "169.254.169.254", "[::1]", "[::ffff:169.254.169.254]")) {
                URI endpoint = URI.create("http://" + host + ":" + port + "/notify");
                assertThatThrownBy(() -> guarded.send(endpoint, "application/json", body, Map.of()).get(10, TimeUnit.SECONDS)).as(host)
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UndeliverableNotification.class)
                        .hasMessageContaining("not a public address").hasMessageContaining("--notify-allow");
            }
            assertThatThrownBy(() -> allowed.send(URI.create("http://receiver.test:" + port + "/moved"), "application/json", body, Map.of())
                    .get(10, TimeUnit.SECONDS)).as("a redirect is not followed, but may be retried").isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("307").cause().isNotInstanceOf(UndeliverableNotification.class);
            assertThat(received).as("nothing reached the receiver but the allowed notification").hasSize(1);
        } finally {
            http.stop(0);
        }
    }
}
