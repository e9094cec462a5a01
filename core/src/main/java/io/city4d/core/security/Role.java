package io.city4d.core.security;

/** What a caller may do. Each role includes the rights of those after it, except device, which may only send data. */
public enum Role {
    /** Everything, including credentials, devices and tenants. */
    ADMIN,
    /** Writes the twin, manages subscriptions and acknowledges alerts. */
    OPERATOR,
    /** Reads everything, including history and exports. */
    ANALYST,
    /** Reads current state. */
    READER,
    /** Sends telemetry for its own entity, and nothing else. */
    DEVICE;

    public boolean canRead() { return this != DEVICE; }

    public boolean canWrite() { return this == ADMIN || this == OPERATOR; }

    public boolean canReadHistory() { return this == ADMIN || this == OPERATOR || this == ANALYST; }

    public boolean canAdminister() { return this == ADMIN; }

    /** Whether this role holds every right of the other: itself, the read and write roles after it, and device for admins. */
    public boolean includes(Role other) {
        return this == other || this == ADMIN || other != DEVICE && ordinal() < other.ordinal();
    }

    public static Role of(String name) {
        return Role.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
