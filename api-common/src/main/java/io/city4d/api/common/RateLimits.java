package io.city4d.api.common;

import io.city4d.core.security.Role;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * How many requests per second each kind of client may make, with a burst on top: per credential by its role, and per
 * client address for requests without one. Written {@code client=RATE[:BURST]} or {@code client=off}, where client is
 * a role or {@code anonymous}, e.g. {@code reader=200:400}.
 *
 * @param byRole     the limit of one credential, by role ordinal
 * @param anonymous  the limit of one client address without a credential
 * @param maxClients how many clients are tracked at once; past that, new ones share one bucket per kind
 */
public record RateLimits(Limit[] byRole, Limit anonymous, int maxClients) {
    public static final String ANONYMOUS = "anonymous";

    public RateLimits {
        if (byRole.length != Role.values().length) throw new IllegalArgumentException("one limit per role");
        byRole = byRole.clone();
        if (maxClients < 1) throw new IllegalArgumentException("maxClients must be positive");
    }

    /**
     * Out of the way of the platform's own administration, imports and benchmark (admin has no limit), generous for
     * integrations, dashboards and devices, and tight enough for anonymous callers that one of them cannot flood.
     */
    public static RateLimits defaults() {
        Limit[] byRole = new Limit[Role.values().length];
        byRole[Role.ADMIN.ordinal()] = Limit.NONE;
        byRole[Role.OPERATOR.ordinal()] = new Limit(1000, 2000);
        byRole[Role.ANALYST.ordinal()] = new Limit(100, 200);
        byRole[Role.READER.ordinal()] = new Limit(200, 400);
        byRole[Role.DEVICE.ordinal()] = new Limit(20, 40);
        return new RateLimits(byRole, new Limit(50, 100), 100_000);
    }

    /** No limits at all. */
    public static RateLimits none() {
        Limit[] byRole = new Limit[Role.values().length];
        Arrays.fill(byRole, Limit.NONE);
        return new RateLimits(byRole, Limit.NONE, 1);
    }

    /** These limits with the settings given ({@code client=RATE[:BURST]} or {@code client=off}) laid over them. */
    public RateLimits with(Collection<String> settings) {
        Limit[] roles = byRole.clone();
        Limit anon = anonymous;
        for (String setting : settings) {
            String s = setting.trim();
            if (s.isEmpty()) continue;
            int eq = s.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("a rate limit is client=RATE[:BURST] or client=off, not " + setting);
            String client = s.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            Limit limit = Limit.parse(s.substring(eq + 1).trim(), setting);
            if (client.equals(ANONYMOUS)) {
                anon = limit;
            } else {
                try {
                    roles[Role.of(client).ordinal()] = limit;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown client " + client + " in the rate limit " + setting
                            + "; use a role (admin, operator, analyst, reader, device) or anonymous");
                }
            }
        }
        return new RateLimits(roles, anon, maxClients);
    }

    public Limit of(Role role) {
        return byRole[role.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimits r && Arrays.equals(byRole, r.byRole) && anonymous.equals(r.anonymous) && maxClients == r.maxClients;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(byRole) * 31 + anonymous.hashCode() * 7 + maxClients;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Role role : Role.values()) out.append(role.name().toLowerCase(Locale.ROOT)).append('=').append(of(role)).append(' ');
        return out.append(ANONYMOUS).append('=').append(anonymous).toString();
    }

    /** A sustained rate and the burst a client may send at once after being idle; a rate of 0 is no limit. */
    public record Limit(double perSecond, int burst) {
        public static final Limit NONE = new Limit(0, 0);

        public Limit {
            if (perSecond < 0 || !Double.isFinite(perSecond)) throw new IllegalArgumentException("a rate is a non-negative number of requests per second");
            if (perSecond > 0 && burst < 1) throw new IllegalArgumentException("a burst is at least 1 request");
        }

        public boolean limited() {
            return perSecond > 0;
        }

        static Limit parse(String text, String setting) {
            if (text.equalsIgnoreCase("off") || text.equalsIgnoreCase("none")) return NONE;
            String[] parts = text.split(":", 2);
            try {
                double rate = Double.parseDouble(parts[0]);
                if (rate <= 0) throw new IllegalArgumentException("a rate must be positive (or off) in " + setting);
                int burst = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : (int) Math.max(1, Math.ceil(rate));
                if (burst < 1) throw new IllegalArgumentException("a burst is at least 1 request in " + setting);
                return new Limit(rate, burst);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a rate limit is client=RATE[:BURST] or client=off, not " + setting);
            }
        }

        /** The rate as written: 200, or 0.5. */
        public String rate() {
            return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
        }

        @Override
        public String toString() {
            return limited() ? rate() + ":" + burst : "off";
        }
    }
}
