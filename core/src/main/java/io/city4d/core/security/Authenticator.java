package io.city4d.core.security;


import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Turns a presented secret into a principal, and issues new credentials. Secrets are never stored or logged. */
public final class Authenticator {
    private final Credentials credentials;
    private final Clock clock;

    public Authenticator(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    public Optional<Principal> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 512) return Optional.empty();
        return credentials.findBySecretHash(Secrets.hash(secret)).map(Credential::principal);
    }

    /** Creates a credential and returns its secret, which is shown once and never again. */
    public Issued issue(String name, Role role, String tenant, String deviceId) {
        String secret = Secrets.newToken();
        Credential credential = new Credential(UUID.randomUUID().toString(), Secrets.hash(secret), name, role, tenant, deviceId, clock.instant());
        credentials.save(credential);
        return new Issued(credential, secret);
    }

    /** Registers a secret chosen by the operator (such as CITY4D_ADMIN_TOKEN), unless it is already known. */
    public void ensure(String secret, String name, Role role) {
        String hash = Secrets.hash(secret);
        if (credentials.findBySecretHash(hash).isEmpty()) {
            credentials.save(new Credential(UUID.randomUUID().toString(), hash, name, role, null, null, clock.instant()));
        }
    }

    public record Issued(Credential credential, String secret) {}
}
