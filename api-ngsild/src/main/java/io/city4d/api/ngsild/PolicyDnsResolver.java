package io.city4d.api.ngsild;

import io.city4d.core.security.AddressPolicy;
import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import io.helidon.webclient.spi.DnsResolver;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The web client's DNS resolver under an {@link AddressPolicy}: it resolves each host once, when a connection is made
 * (redirects included), and hands back the address it checked, so the connection goes there and nowhere else.
 */
final class PolicyDnsResolver implements DnsResolver {
    private final AddressPolicy policy;

    PolicyDnsResolver(AddressPolicy policy) {
        this.policy = policy;
    }

    /** A web client whose every connection goes through the policy: it resolves hosts, and no proxy does it instead. */
    static WebClientConfig.Builder guardedClient(AddressPolicy policy) {
        return WebClient.builder().dnsResolver(new PolicyDnsResolver(policy)).proxy(Proxy.noProxy());
    }

    @Override
    public InetAddress resolveAddress(String host, DnsAddressLookup preference) {
        try {
            return policy.resolve(host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy's refusal somewhere among the causes of a failed request, if that is why it failed. */
    static Optional<AddressPolicy.Refused> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressPolicy.Refused refused) return Optional.of(refused);
        }
        return Optional.empty();
    }
}
