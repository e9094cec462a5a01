package io.city4d.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    private static final List<String> TENANTS = Arrays.asList(null, "", "east", "East", "west");

    @Test
    void anAdminAdministersExactlyTheRolesItIncludesWithinItsTenant() {
        for (Role role : Role.values()) {
            for (String tenant : TENANTS) {
                Principal caller = new Principal("c", "caller", role, tenant, null);
                for (Role other : Role.values()) {
                    for (String otherTenant : TENANTS) {
                        boolean expected = role == Role.ADMIN && (tenant == null || tenant.equals(otherTenant));
                        assertThat(caller.administers(other, otherTenant)).as(role + "@" + tenant + " over " + other + "@" + otherTenant).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void rolesIncludeThoseAfterThemAndDeviceOnlyBelongsToAdmins() {
        assertThat(Role.ADMIN.includes(Role.DEVICE)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.READER)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.DEVICE)).isFalse();
        assertThat(Role.OPERATOR.includes(Role.ADMIN)).isFalse();
        assertThat(Role.READER.includes(Role.ANALYST)).isFalse();
        assertThat(Role.DEVICE.includes(Role.READER)).isFalse();
        for (Role role : Role.values()) assertThat(role.includes(role)).isTrue();
    }
}
