package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public status page and its JSON, as a browser and a device client without a token see them. */
class StatusPageTest {
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @Test
    void thePageLinksOnlyToWhatABrowserCanOpenAndShowsHowToCallTheRest() {
        Api browser = running.api.anonymous().accept("text/html");
        Api.Response page = browser.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(hrefs(page.body())).isNotEmpty();
        for (String href : hrefs(page.body())) {
            assertThat(browser.get(href).status()).as("the page links to " + href).isEqualTo(200);
        }
        assertThat(page.body()).contains("curl -H \"Authorization: Bearer $T\" '" + running.server.city.baseUrl() + "/ngsi-ld/v1/entities")
                .contains(running.server.city.baseUrl() + "/events").contains(running.server.city.baseUrl() + "/metrics");
    }

    private static String[] hrefs(String html) {
        return java.util.regex.Pattern.compile("href=\"([^\"]*)\"").matcher(html).results().map(m -> m.group(1)).toArray(String[]::new);
    }

    @Test
    void theStatusTellsDeviceClientsTheMqttPort() {
        Api.Response status = running.api.anonymous().get("/api/v1/status");
        assertThat(status.json().path("mqtt").path("port").asInt()).isEqualTo(running.server.city.mqttPort()).isPositive();
    }
}
