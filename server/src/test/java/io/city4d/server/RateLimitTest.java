package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static org.assertj.core.api.Assertions.assertThat;

import io.city4d.api.common.RateLimits;
import io.city4d.core.security.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate limits through real sockets: a credential over its role's limit, or a client address without a credential,
 * gets 429 with Retry-After and a problem body, counted in /metrics, while others carry on; admin has no limit.
 */
class RateLimitTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer(c -> c.withRateLimits(RateLimits.defaults().with(List.of("reader=2:3", "anonymous=2:3"))));

    /** Sends the request until it is refused (at most 20 times) and returns the statuses. */
    static List<Api.Response> untilRefused(Api client, String path) {
        List<Api.Response> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api.Response r = client.get(path);
            answers.add(r);
            if (r.status() == 429) break;
        }
        return answers;
    }

    @Test
    void aCredentialOverItsLimitIsToldToComeBackLater() throws InterruptedException {
        Api reader = running.api.token(running.server.city.authenticator().issue("dashboard", Role.READER, null, null).secret());
        Api otherReader = running.api.token(running.server.city.authenticator().issue("kiosk", Role.READER, null, null).secret());
        List<Api.Response> answers = untilRefused(reader, NGSI + "/types");
        assertThat(answers.subList(0, 3)).as("the burst").allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        Api.Response refused = answers.get(answers.size() - 1);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemType()).isEqualTo("too-many-requests");
        assertThat(refused.json().get("detail").asText()).contains("credential is over its limit of 2 requests per second (bursts of 3)");
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isEqualTo(1L);

        assertThat(otherReader.get(NGSI + "/types").status()).as("another credential has its own bucket").isEqualTo(200);
        for (int i = 0; i < 50; i++) assertThat(running.api.get(NGSI + "/types").status()).as("admin has no limit").isEqualTo(200);

        Thread.sleep(retryAfter * 1000);
        assertThat(reader.get(NGSI + "/types").status()).as("after Retry-After").isEqualTo(200);

        String metrics = running.api.get("/metrics").body();
        assertThat(metrics).containsPattern("city4d_http_requests_limited_total\\{client=\"reader\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("city4d_http_requests_limited_total\\{client=\"admin\"[^}]*} 0");
        assertThat(metrics).contains("city4d_rate_limit_clients");
    }

    @Test
    void requestsWithoutACredentialAreLimitedByClientAddress() {
        Api anonymous = running.api.anonymous();
        List<Api.Response> answers = untilRefused(anonymous, "/health");
        assertThat(answers.subList(0, 3)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(answers.get(answers.size() - 1).status()).isEqualTo(429);
        assertThat(answers.get(answers.size() - 1).header("Retry-After")).isPresent();
        assertThat(anonymous.get("/").status()).as("the status page shares the address's bucket").isEqualTo(429);
        assertThat(running.api.get("/health").status()).as("a credential is not held back by its address").isEqualTo(200);
        assertThat(running.api.get("/metrics").body()).containsPattern("city4d_http_requests_limited_total\\{client=\"anonymous\"[^}]*} [1-9]");
    }
}
