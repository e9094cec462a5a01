package io.city4d.core.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which hosts City4D connects to when a caller names a URL it then reaches (a remote @context, a notification
 * endpoint): against server-side request forgery, only hosts with public addresses, never loopback, link-local,
 * private (RFC 1918, RFC 4193), shared (RFC 6598), multicast, reserved or unspecified ones, unless the operator allowed
 * the host by name or an address range that holds its address. A host is resolved once, and the connection must go to
 * the address that was checked, so a DNS answer that changes between a check and a connection (DNS rebinding) cannot
 * lead it elsewhere.
 */
public final class AddressPolicy {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Host name lookup, so that tests can stand in for DNS. */
    @FunctionalInterface
    public interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** A host whose every address the policy refuses. */
    public static final class Refused extends RuntimeException {
        private final String host;

        Refused(String host, InetAddress[] addresses) {
            super("it resolves to " + Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
                    + ", which is not a public address (loopback, private, link-local and the like)", null, false, false);
            this.host = host;
        }

        public String host() { return host; }
    }

    private final Set<String> hosts = new HashSet<>();
    private final List<Range> ranges = new ArrayList<>();
    private final Lookup lookup;

    /** @param allowed host names and address ranges (CIDR, e.g. 10.20.0.0/16 or fd00::/8, or one address) also allowed */
    public AddressPolicy(List<String> allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    public AddressPolicy(List<String> allowed, Lookup lookup) {
        this.lookup = lookup;
        for (String entry : allowed) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) continue;
            if (e.contains("/") || isLiteral(e)) ranges.add(Range.parse(e));
            else hosts.add(e.endsWith(".") ? e.substring(0, e.length() - 1) : e);
        }
    }

    /** Only public addresses. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    /**
     * The address to connect to for a host name or literal (IPv6 ones in brackets too): the first of its addresses that
     * the policy permits, or any of them for a host the operator allowed by name.
     *
     * @throws Refused when it permits none of them
     */
    public InetAddress resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = lookup.all(name);
        boolean named = hosts.contains(name.toLowerCase(Locale.ROOT));
        for (InetAddress address : addresses) {
            if (named || permits(address)) return address;
        }
        throw new Refused(name, addresses);
    }

    /** Whether a connection to this address is allowed: a public one, or one in a range the operator allowed. */
    public boolean permits(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) return true;
        }
        return isPublic(address);
    }

    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // "this network" 0/8, shared address space 100.64/10 (RFC 6598), reserved 240/4 and broadcast
            return first != 0 && !(first == 100 && (second & 0xc0) == 64) && first < 240;
        }
        if ((b[0] & 0xfe) == 0xfc) return false; // unique local fc00::/7 (RFC 4193)
        InetAddress embedded = embeddedIpv4(b);
        return embedded == null || isPublic(embedded);
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        int from;
        if (b[0] == 0x20 && b[1] == 0x02) {
            from = 2;
        } else if (allZero(b, 0, 10) && (b[10] == 0 && b[11] == 0 || b[10] == (byte) 0xff && b[11] == (byte) 0xff)
                || b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
            from = 12;
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) return false;
        }
        return true;
    }

    private static boolean isLiteral(String text) {
        return text.indexOf(':') >= 0 || IPV4_LITERAL.matcher(text).matches();
    }

    /** An address range: a network address and the length of its prefix in bits. */
    record Range(byte[] network, int prefix) {
        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!isLiteral(address)) throw new IllegalArgumentException("not an IP address in the range " + cidr);
            byte[] network;
            try {
                // A literal: no name is looked up.
                network = InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address in the range " + cidr);
            }
            int prefix;
            try {
                prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length in the range " + cidr);
            }
            if (prefix < 0 || prefix > network.length * 8) throw new IllegalArgumentException("prefix length out of range in " + cidr);
            return new Range(network, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != network.length) return false;
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (b[i] != network[i]) return false;
            }
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = 0xff << (8 - rest) & 0xff;
            return (b[whole] & mask) == (network[whole] & mask);
        }
    }
}
