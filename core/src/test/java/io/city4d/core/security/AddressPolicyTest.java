package io.city4d.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses City4D may connect to on a caller's behalf, checked on address literals and a stand-in DNS: no packet leaves the machine. */
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
    void theOperatorAllowsRangesAndNames() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of("10.20.0.0/16", "127.0.0.1", "fd00::/8", "Contexts.City.Internal."),
                host -> new InetAddress[] {ip("10.99.0.1")});
        assertThat(policy.permits(ip("10.20.5.6"))).isTrue();
        assertThat(policy.permits(ip("10.21.0.1"))).isFalse();
        assertThat(policy.permits(ip("127.0.0.1"))).isTrue();
        assertThat(policy.permits(ip("127.0.0.2"))).as("a single address is a /32").isFalse();
        assertThat(policy.permits(ip("fd12::1"))).isTrue();
        assertThat(policy.permits(ip("8.8.8.8"))).isTrue();
        assertThat(policy.resolve("contexts.city.internal")).as("an allowed name, whatever its address").isEqualTo(ip("10.99.0.1"));
        assertThatThrownBy(() -> policy.resolve("other.city.internal")).isInstanceOf(AddressPolicy.Refused.class)
                .hasMessageContaining("10.99.0.1").hasMessageContaining("not a public address")
                .extracting(e -> ((AddressPolicy.Refused) e).host()).isEqualTo("other.city.internal");
        for (String bad : List.of("10.0.0.0/33", "10.0.0.0/x", "example.org/8")) {
            assertThatThrownBy(() -> new AddressPolicy(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    @Test
    void aHostIsAllowedWhenOneOfItsAddressesIsAndLiteralsNeedNoLookup() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of(), host -> switch (host) {
            case "mixed.test" -> new InetAddress[] {ip("10.0.0.1"), ip("8.8.8.8")};
            case "inside.test" -> new InetAddress[] {ip("10.0.0.1"), ip("169.254.169.254")};
            default -> InetAddress.getAllByName(host);
        });
        assertThat(policy.resolve("mixed.test")).as("the connection goes to the public one").isEqualTo(ip("8.8.8.8"));
        assertThatThrownBy(() -> policy.resolve("inside.test")).isInstanceOf(AddressPolicy.Refused.class).hasMessageContaining("10.0.0.1, 169.254.169.254");
        assertThatThrownBy(() -> policy.resolve("[::1]")).isInstanceOf(AddressPolicy.Refused.class);
        assertThatThrownBy(() -> policy.resolve("[::ffff:169.254.169.254]")).isInstanceOf(AddressPolicy.Refused.class);
        assertThat(policy.resolve("[2001:4860:4860::8888]")).isEqualTo(ip("2001:4860:4860::8888"));
    }
}
