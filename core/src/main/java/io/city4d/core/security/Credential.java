package io.city4d.core.security;

import java.time.Instant;

/** A stored credential: only the hash of its secret is kept. */
public record Credential(String id, String secretHash, String name, Role role, String tenant, String deviceId, Instant createdAt) {

    public Principal principal() {
        return new Principal(id, name, role, tenant, deviceId);
    }
}
