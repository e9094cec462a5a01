package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.city4d.api.common.RateLimits;
import io.city4d.core.security.Role;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The serve options for remote @context hosts, notification hosts and rate limits, as the command line reads them. */
class ServeOptionsTest {
    static ServerConfig parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.options.toConfig();
    }

    @Test
    void contextHostsAndRateLimitsComeFromTheCommandLine() {
        ServerConfig config = parse("--context-allow", "contexts.city.internal,10.20.0.0/16", "--context-allow", "fd00::/8",
                "--rate-limit", "reader=5:10,anonymous=off", "--rate-limit", "admin=10000:20000");
        assertThat(config.contextAllow()).containsExactly("contexts.city.internal", "10.20.0.0/16", "fd00::/8");
        assertThat(config.notifyAllow()).as("a separate list").isEmpty();
        assertThat(config.rateLimits().of(Role.READER)).isEqualTo(new RateLimits.Limit(5, 10));
        assertThat(config.rateLimits().anonymous().limited()).isFalse();
        assertThat(config.rateLimits().of(Role.ADMIN)).isEqualTo(new RateLimits.Limit(10000, 20000));
        assertThat(config.rateLimits().of(Role.DEVICE)).isEqualTo(RateLimits.defaults().of(Role.DEVICE));
    }

    @Test
    void notificationHostsAreAllowedApartFromContextHosts() {
        ServerConfig config = parse("--notify-allow", "alerts.city.internal,10.30.0.0/16");
        assertThat(config.notifyAllow()).containsExactly("alerts.city.internal", "10.30.0.0/16");
        if (System.getenv("CITY4D_CONTEXT_ALLOW") == null) assertThat(config.contextAllow()).isEmpty();
    }

    @Test
    void withoutOptionsOnlyPublicHostsAndTheDefaultLimits() {
        // The environment variables CITY4D_CONTEXT_ALLOW and CITY4D_RATE_LIMITS are the defaults; the build does not set them.
        ServerConfig config = parse();
        if (System.getenv("CITY4D_CONTEXT_ALLOW") == null) assertThat(config.contextAllow()).isEmpty();
        if (System.getenv("CITY4D_NOTIFY_ALLOW") == null) assertThat(config.notifyAllow()).isEmpty();
        if (System.getenv("CITY4D_RATE_LIMITS") == null) assertThat(config.rateLimits()).isEqualTo(RateLimits.defaults());
        assertThatThrownBy(() -> parse("--rate-limit", "mayor=5")).hasMessageContaining("mayor");
    }
}
