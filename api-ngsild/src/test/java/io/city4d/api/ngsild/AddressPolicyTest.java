package io.city4d.api.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.helidon.webclient.api.DnsAddressLookup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which addresses a remote @context may come from. The classification is checked on address literals, so no packet
 * leaves the machine; the fetches go to a real HTTP server on loopback under names that only a stand-in DNS knows.
 */
class AddressPolicyTest {
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void onlyPublicAddressesAreAllowedByDefault() {
        for (String refused : List.of("127.0.0.1", "127.10.20.30", "0.0.0.0", "0.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.1", "239.255.255.250", "240.0.0.1",
                "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "::ffff:127.0.0.1",
                "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1", "fd00:ec2::254")) {
            assertThat(AddressPolicy.isPublic(ip(refused))).as(refused).isFalse();
        }
        for (String allowed : List.of("8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
                "192.169.0.1", "2001:4860:4860::8888", "2a00:1450:4001::1", "64:ff9b::808:808", "2002:0808:0808::1")) {
            assertThat(AddressPolicy.isPublic(ip(allowed))).as(allowed).isTrue();
        }
    }

    @Test
    void theOperatorAllowsRangesAndNames() {
        AddressPolicy policy = new AddressPolicy(List.of("10.20.0.0/16", "127.0.0.1", "fd00::/8", "Contexts.City.Internal."),
                host -> new InetAddress[] {ip("10.99.0.1")});
        assertThat(policy.permits(ip("10.20.5.6"))).isTrue();
        assertThat(policy.permits(ip("10.21.0.1"))).isFalse();
        assertThat(policy.permits(ip("127.0.0.1"))).isTrue();
        assertThat(policy.permits(ip("127.0.0.2"))).as("a single address is a /32").isFalse();
        assertThat(policy.permits(ip("fd12::1"))).isTrue();
        assertThat(policy.permits(ip("8.8.8.8"))).isTrue();
        assertThat(policy.resolveAddress("contexts.city.internal", DnsAddressLookup.IPV4_PREFERRED)).as("an allowed name, whatever its address")
                .isEqualTo(ip("10.99.0.1"));
        assertThatThrownBy(() -> policy.resolveAddress("other.city.internal", DnsAddressLookup.IPV4_PREFERRED))
                .isInstanceOf(ProblemException.class).hasMessageContaining("10.99.0.1").hasMessageContaining("--context-allow");
        for (String bad : List.of("10.0.0.0/33", "10.0.0.0/x", "example.org/8")) {
            assertThatThrownBy(() -> new AddressPolicy(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

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
            return a.stream().map(AddressPolicyTest::ip).toArray(InetAddress[]::new);
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
}
