package io.city4d.api.common;

import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each credential holds of a shared resource (request turns, the body budget), so that no one credential can hold
 * more than its share: one client stalling its uploads, or opening many connections, would otherwise take all of it.
 * Admins, the city's own, are not held to it, as they are not to rate limits. Entries go when they reach zero.
 */
final class CredentialShares {
    private final int share;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    /** @param share the most one credential may hold */
    CredentialShares(int share) {
        this.share = Math.max(1, share);
    }

    /** Takes units for the caller, or refuses when that would put it over its share; anonymous callers share one account. */
    boolean take(Principal caller, int units) {
        if (caller != null && caller.role() == Role.ADMIN) return true;
        boolean[] taken = {false};
        held.compute(account(caller), (id, now) -> {
            int current = now == null ? 0 : now;
            if (current + units > share && current > 0) return now;
            taken[0] = true;
            return current + units;
        });
        return taken[0];
    }

    /** Gives back what {@link #take} took. */
    void give(Principal caller, int units) {
        if (caller != null && caller.role() == Role.ADMIN) return;
        held.computeIfPresent(account(caller), (id, now) -> now - units <= 0 ? null : now - units);
    }

    private static String account(Principal caller) {
        return caller == null ? "" : caller.credentialId();
    }
}
