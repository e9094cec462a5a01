package io.city4d.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.api.common.RateLimits.Limit;
import io.city4d.core.security.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    @Test
    void settingsOverrideTheDefaults() {
        RateLimits limits = RateLimits.defaults().with(List.of("reader=5:10", "anonymous=2", " ADMIN=100:100 ", "device=off"));
        assertThat(limits.of(Role.READER)).isEqualTo(new Limit(5, 10));
        assertThat(limits.anonymous()).as("the burst defaults to one second's worth").isEqualTo(new Limit(2, 2));
        assertThat(limits.of(Role.ADMIN)).isEqualTo(new Limit(100, 100));
        assertThat(limits.of(Role.DEVICE).limited()).isFalse();
        assertThat(limits.of(Role.OPERATOR)).isEqualTo(RateLimits.defaults().of(Role.OPERATOR));
        assertThat(RateLimits.defaults().of(Role.ADMIN).limited()).as("admin is not limited by default").isFalse();
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        for (String bad : List.of("reader", "mayor=5", "reader=fast", "reader=0", "reader=5:0", "reader=-1")) {
            assertThatThrownBy(() -> RateLimits.defaults().with(List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad);
        }
    }
}
