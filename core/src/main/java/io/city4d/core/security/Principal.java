package io.city4d.core.security;

/**
 * Who is calling, by which credential. A null tenant means every tenant (admins and operators of the whole city); a
 * device principal names its device.
 */
public record Principal(String credentialId, String name, Role role, String tenant, String deviceId) {

    public boolean mayUseTenant(String requested) {
        return tenant == null || tenant.equals(requested);
    }
}
