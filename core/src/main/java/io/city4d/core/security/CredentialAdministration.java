package io.city4d.core.security;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.util.Comparator;
import java.util.List;

/**
 * What one caller may do with credentials: issue them within its own roles and tenant, never wider; see and revoke
 * only those it could have issued. The last admin credential without a tenant limit stays, so the city is never
 * locked out of its own server.
 */
public final class CredentialAdministration {
    private final Authenticator authenticator;
    private final Credentials credentials;

    public CredentialAdministration(Authenticator authenticator, Credentials credentials) {
        this.authenticator = authenticator;
        this.credentials = credentials;
    }

    /** A new credential for a person or a system; its tenant null means every tenant. */
    public Authenticator.Issued issue(Principal by, String name, Role role, String tenant) {
        if (role == Role.DEVICE) throw ProblemException.badData("device keys are issued by registering the device (POST /admin/v1/devices)");
        requireAdministers(by, role, tenant);
        return authenticator.issue(name, role, tenant, null);
    }

    /** The key of a device that has just been registered in a tenant. */
    public Authenticator.Issued issueDeviceKey(Principal by, String tenant, String deviceId) {
        requireAdministers(by, Role.DEVICE, tenant);
        return authenticator.issue("device " + deviceId, Role.DEVICE, tenant, deviceId);
    }

    /** Revokes every key of a device that has been deleted. */
    public void revokeDeviceKeys(String tenant, String deviceId) {
        credentials.revokeDevice(tenant, deviceId);
    }

    /** The credentials the caller administers, oldest first. */
    public List<Credential> visibleTo(Principal by) {
        return credentials.list().stream().filter(c -> by.administers(c.role(), c.tenant()))
                .sorted(Comparator.comparing(Credential::createdAt).thenComparing(Credential::id)).toList();
    }

    /**
     * Revokes a credential the caller administers (its own included). One it does not administer is not found, so
     * that its existence is not told either.
     */
    public synchronized void revoke(Principal by, String id) {
        Credential target = credentials.list().stream().filter(c -> c.id().equals(id) && by.administers(c.role(), c.tenant()))
                .findFirst().orElseThrow(() -> ProblemException.notFound("no such credential"));
        if (isCityAdmin(target) && credentials.list().stream().filter(CredentialAdministration::isCityAdmin).count() == 1) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "this is the last admin credential for every tenant; issue another one before revoking it");
        }
        credentials.delete(id);
    }

    private static boolean isCityAdmin(Credential c) {
        return c.role() == Role.ADMIN && c.tenant() == null;
    }

    private static void requireAdministers(Principal by, Role role, String tenant) {
        if (!by.administers(role, tenant)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "this credential may not issue " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + " credentials " + (tenant == null ? "for every tenant" : "for tenant '" + tenant + "'"));
        }
    }
}
