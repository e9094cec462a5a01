package io.city4d.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.server.Readings.Reading;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays five days of 30-minute gage height at two Pearl River sites (flood_usgs) into a running City4D, each reading
 * with USGS's own timestamp (milliseconds and a -06:00 offset), and checks hourly and daily aggregates against what this
 * test computes from the CSV file.
 */
class RiverGaugeReplayTest {
    static final String GAGE_HEIGHT = "00065";

    @RegisterExtension
    static final SharedData data = new SharedData("flood_usgs");
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    record Site(String number, double lon, double lat, List<Reading> heights) {
        String id() { return "urn:ngsi-ld:WaterObserved:usgs-" + number; }
    }

    static final Map<String, Site> sites = new LinkedHashMap<>();

    @BeforeAll
    static void replay() {
        List<String> messages = new ArrayList<>();
        for (Map<String, String> row : SharedCsv.rows("flood_usgs/usgs_iv_02489500_02492000_20190225_20190301.csv")) {
            if (!row.get("parameter_cd").equals(GAGE_HEIGHT)) continue;
            Site site = sites.computeIfAbsent(row.get("site_no"), n -> new Site(n, Double.parseDouble(row.get("lon")), Double.parseDouble(row.get("lat")), new ArrayList<>()));
            double feet = Double.parseDouble(row.get("value"));
            site.heights().add(new Reading(OffsetDateTime.parse(row.get("datetime")).toInstant(), feet));
            messages.add("{\"id\":\"%s\",\"type\":\"WaterObserved\",\"height\":{\"type\":\"Property\",\"value\":%s,\"unitCode\":\"FOT\",\"observedAt\":\"%s\"}}"
                    .formatted(site.id(), feet, row.get("datetime")));
        }
        assertThat(sites).hasSize(2);
        List<String> places = sites.values().stream().map(s -> EntityApiTest.entity(s.id(), "WaterObserved", EntityApiTest.point(s.lon(), s.lat()))).toList();
        Readings.upsert(running.api, places, places.size(), "");
        Readings.upsert(running.api, messages, 100, "update");
    }

    private static void assertWindow(Site site, Instant from, Instant to, Duration period) {
        JsonNode history = Readings.aggregated(running.api, site.id(), "height", from, to, period);
        Readings.assertAggregates(history.path("height"), Readings.perPeriod(site.heights(), from, to, period), site.number() + " " + period + " from " + from);
    }

    @Test
    void hourlyMaximaAndMinimaAreTheCsvFigures() {
        for (Site site : sites.values()) {
            Instant first = site.heights().get(0).at();
            Instant afterLast = site.heights().get(site.heights().size() - 1).at().plus(Duration.ofMinutes(30));
            assertThat(Duration.between(first, afterLast)).as("five days of half hours").isEqualTo(Duration.ofDays(5));
            assertWindow(site, first, afterLast, Duration.ofHours(1));
            // Hours that start on the half hour, as an operator's "last hour" does.
            assertWindow(site, OffsetDateTime.parse("2019-02-26T08:30:00-06:00").toInstant(), OffsetDateTime.parse("2019-02-27T20:30:00-06:00").toInstant(), Duration.ofHours(1));
            // Local days in Louisiana (CST, UTC-06:00 in February).
            assertWindow(site, first, afterLast, Duration.ofDays(1));
        }
    }

    @Test
    void theSitesTimeIsKeptAsTheInstantItNames() {
        Site site = sites.values().iterator().next();
        Reading last = site.heights().get(site.heights().size() - 1);
        JsonNode height = running.api.get(Api.NGSI + "/entities/" + site.id()).json().path("height");
        assertThat(height.path("value").asDouble()).isEqualTo(last.value());
        assertThat(Readings.instant(height.path("observedAt"))).isEqualTo(last.at());
    }
}
