package io.city4d.core.security;

/**
 * Who is calling, by which credential. A null tenant means every tenant (admins and operators of the whole city); a
 * device principal names its device.
 */
public record Principal(String credentialId, String name, Role role, String tenant, String deviceId) {

    public boolean mayUseTenant(String requested) {
        return tenant == null || tenant.equals(requested);
    }

    /**
     * Whether this caller may issue, see and revoke a credential of that role and tenant: never one wider than itself,
     * so a role it includes, limited to its own tenant (or to any tenant, or none, when it has no tenant limit itself).
     */
    public boolean administers(Role otherRole, String otherTenant) {
        return role.canAdminister() && role.includes(otherRole) && (tenant == null || tenant.equals(otherTenant));
    }
}
