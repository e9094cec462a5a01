package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.entity;
import static io.city4d.server.EntityApiTest.ids;
import static io.city4d.server.EntityApiTest.point;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.server.Readings.Reading;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays the hourly CO, NO2, PM10 and PM2.5 of Hanoi's two stations (aq_hanoi) into a running City4D as a gateway
 * would, in batched upserts with each reading's observedAt, then checks the temporal API's aggregates, lastN, the
 * current state and geo-queries against what this test computes from the CSV files.
 */
class AirQualityReplayTest {
    /** The CSV times are local clock times in Hanoi, which keeps UTC+07:00 (Asia/Ho_Chi_Minh) all year, with no daylight saving. */
    static final ZoneOffset HANOI = ZoneOffset.ofHours(7);
    static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** CSV file name to the Smart Data Models attribute name. */
    static final Map<String, String> POLLUTANTS = new LinkedHashMap<>(Map.of("CO", "co", "NO2", "no2", "PM10", "pm10", "PM2.5", "pm25"));
    static final String ATTRS = String.join(",", POLLUTANTS.values());

    @RegisterExtension
    static final SharedData data = new SharedData("aq_hanoi");
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    record Station(String name, double lon, double lat, Map<String, List<Reading>> series) {
        String id() { return "urn:ngsi-ld:AirQualityObserved:hanoi-" + name; }

        Instant first() { return series.values().stream().map(s -> s.get(0).at()).min(Instant::compareTo).orElseThrow(); }

        Instant last() { return series.values().stream().map(s -> s.get(s.size() - 1).at()).max(Instant::compareTo).orElseThrow(); }
    }

    static final Map<String, Station> stations = new LinkedHashMap<>();

    @BeforeAll
    static void replay() {
        for (Map<String, String> row : SharedCsv.rows("aq_hanoi/stations.csv")) {
            String name = row.get("station");
            Map<String, List<Reading>> series = new LinkedHashMap<>();
            POLLUTANTS.forEach((file, attr) -> series.put(attr, series("aq_hanoi/" + name + "/" + file + ".csv")));
            stations.put(name, new Station(name, Double.parseDouble(row.get("lon")), Double.parseDouble(row.get("lat")), series));
        }
        assertThat(stations).containsOnlyKeys("hang_dau", "hoan_kiem");
        List<String> places = stations.values().stream().map(s -> entity(s.id(), "AirQualityObserved", point(s.lon(), s.lat()))).toList();
        Readings.upsert(running.api, places, places.size(), "");
        Readings.upsert(running.api, gatewayMessages(), 250, "update");
    }

    /** One series of a {@code time,value} file; times are unique and ascending in every file (checked here, as the test relies on it). */
    private static List<Reading> series(String relative) {
        List<Reading> out = new ArrayList<>();
        for (Map<String, String> row : SharedCsv.rows(relative)) {
            Instant at = LocalDateTime.parse(row.get("time"), CSV_TIME).atOffset(HANOI).toInstant();
            if (!out.isEmpty()) assertThat(at).as(relative).isAfter(out.get(out.size() - 1).at());
            out.add(new Reading(at, Double.parseDouble(row.get("value"))));
        }
        return out;
    }

    /**
     * What a gateway sends each hour for each station: the pollutants read at that hour, each with its observedAt. An hour
     * missing from one file (NO2 at Hoan Kiem has gaps) simply leaves that attribute out of the message.
     */
    private static List<String> gatewayMessages() {
        Map<Instant, List<String>> byHour = new TreeMap<>();
        for (Station s : stations.values()) {
            Map<Instant, List<String>> attrs = new TreeMap<>();
            s.series().forEach((attr, readings) -> readings.forEach(r -> attrs.computeIfAbsent(r.at(), t -> new ArrayList<>())
                    .add("\"%s\":{\"type\":\"Property\",\"value\":%s,\"unitCode\":\"GQ\",\"observedAt\":\"%s\"}".formatted(attr, r.value(), r.at()))));
            attrs.forEach((at, fragments) -> byHour.computeIfAbsent(at, t -> new ArrayList<>())
                    .add("{\"id\":\"" + s.id() + "\",\"type\":\"AirQualityObserved\"," + String.join(",", fragments) + "}"));
        }
        return byHour.values().stream().flatMap(List::stream).toList();
    }

    private static Instant localMidnight(LocalDate day) {
        return day.atStartOfDay().atOffset(HANOI).toInstant();
    }

    private static void assertWindow(Station s, Instant from, Instant to, Duration period) {
        JsonNode history = Readings.aggregated(running.api, s.id(), ATTRS, from, to, period);
        s.series().forEach((attr, readings) -> Readings.assertAggregates(history.path(attr),
                Readings.perPeriod(readings, from, to, period), s.name() + " " + attr + " " + period + " from " + from));
    }

    @Test
    void dailyAggregatesInHanoiTimeAreTheCsvFigures() {
        for (Station s : stations.values()) {
            Instant from = localMidnight(s.first().atOffset(HANOI).toLocalDate());
            Instant to = localMidnight(s.last().atOffset(HANOI).toLocalDate().plusDays(1));
            assertWindow(s, from, to, Duration.ofDays(1));
        }
    }

    @Test
    void withoutAWindowDaysAreUtcDays() {
        for (Station s : stations.values()) {
            JsonNode history = Readings.aggregated(running.api, s.id(), ATTRS, "", Duration.ofDays(1));
            Instant from = s.first().truncatedTo(ChronoUnit.DAYS);
            Instant to = s.last().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            s.series().forEach((attr, readings) -> Readings.assertAggregates(history.path(attr),
                    Readings.perPeriod(readings, from, to, Duration.ofDays(1)), s.name() + " " + attr + " in UTC days"));
        }
    }

    @Test
    void aggregatesOverWindowsOfPartDays() {
        Station hoanKiem = stations.get("hoan_kiem");
        // Takes in both NO2 gaps (2019-07-13 03:00 and 04:00, 2019-07-28 14:00) and cuts the first and last day.
        assertWindow(hoanKiem, at("2019-07-12T05:30:00+07:00"), at("2019-07-28T17:45:00+07:00"), Duration.ofDays(1));
        assertWindow(hoanKiem, at("2019-07-12T22:10:00+07:00"), at("2019-07-14T03:00:00+07:00"), Duration.ofHours(5));
        // A start that is not a whole minute is answered from raw history rather than rollups.
        assertWindow(stations.get("hang_dau"), at("2019-07-15T10:15:07+07:00"), at("2019-07-19T02:00:00+07:00"), Duration.ofHours(6));
        assertWindow(stations.get("hang_dau"), at("2019-07-12T00:00:00Z"), at("2019-07-29T00:00:00Z"), Duration.ofDays(7));
    }

    @Test
    void historyHasExactlyTheHoursTheCsvHas() {
        Station hoanKiem = stations.get("hoan_kiem");
        Instant from = at("2019-07-13T00:00:00+07:00");
        Instant to = at("2019-07-13T08:00:00+07:00");
        var r = running.api.get(NGSI + "/temporal/entities/" + hoanKiem.id() + "?attrs=no2&options=temporalValues&timerel=between&timeAt="
                + enc(from.toString()) + "&endTimeAt=" + enc(to.toString()));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<Reading> got = new ArrayList<>();
        r.json().at("/no2/values").forEach(v -> got.add(new Reading(Readings.instant(v.get(1)), v.get(0).asDouble())));
        List<Reading> expected = hoanKiem.series().get("no2").stream().filter(x -> !x.at().isBefore(from) && x.at().isBefore(to)).toList();
        assertThat(expected).as("the CSV has a gap there").hasSizeLessThan(8);
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void lastNAreTheLastReadingsInOrderAndTheEntityHoldsTheLastOne() {
        for (Station s : stations.values()) {
            JsonNode lastN = running.api.get(NGSI + "/temporal/entities/" + s.id() + "?attrs=" + ATTRS + "&lastN=5").json();
            JsonNode current = running.api.get(NGSI + "/entities/" + s.id()).json();
            s.series().forEach((attr, readings) -> {
                List<Reading> got = new ArrayList<>();
                lastN.path(attr).forEach(i -> got.add(new Reading(Readings.instant(i.get("observedAt")), i.get("value").asDouble())));
                assertThat(got).as(s.name() + " " + attr).isEqualTo(readings.subList(readings.size() - 5, readings.size()));
                Reading last = readings.get(readings.size() - 1);
                assertThat(current.at("/" + attr + "/value").asDouble()).as(s.name() + " " + attr).isEqualTo(last.value());
                assertThat(Readings.instant(current.at("/" + attr + "/observedAt"))).as(s.name() + " " + attr).isEqualTo(last.at());
            });
            assertThat(current.at("/location/value/coordinates/0").asDouble()).isEqualTo(s.lon());
        }
    }

    @Test
    void nearAStationFindsThatStationOnly() {
        for (Station s : stations.values()) {
            assertThat(near(s, 500)).as(s.name()).containsExactly(s.id());
        }
    }

    @Test
    void nearFindsTheOtherStationJustBeyondTheirDistance() {
        Station hangDau = stations.get("hang_dau");
        Station hoanKiem = stations.get("hoan_kiem");
        double metres = greatCircleMetres(hangDau, hoanKiem);
        assertThat(metres).as("the stations are about 1.6 km apart").isBetween(1_500.0, 1_700.0);
        assertThat(near(hangDau, (int) metres - 5)).containsExactly(hangDau.id());
        assertThat(near(hangDau, (int) metres + 5)).containsExactlyInAnyOrder(hangDau.id(), hoanKiem.id());
    }

    /** Haversine distance on the sphere of the WGS 84 mean radius, as docs/ngsi-ld.md says near measures. */
    private static double greatCircleMetres(Station a, Station b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
    }

    @Test
    void theHoanKiemStationLiesWithinAPolygonAroundTheLake() {
        // Drawn around Hoan Kiem Lake (21.0285 N, 105.8522 E), hugging its shores on the map.
        String lake = "[[[105.8497,21.0236],[105.8548,21.0236],[105.8552,21.0300],[105.8540,21.0334],[105.8508,21.0334],[105.8494,21.0290],[105.8497,21.0236]]]";
        var r = running.api.get(NGSI + "/entities?type=AirQualityObserved&georel=within&geometry=Polygon&coordinates=" + enc(lake));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(ids(r.json())).containsExactly(stations.get("hoan_kiem").id());
    }

    private static List<String> near(Station s, int metres) {
        var r = running.api.get(NGSI + "/entities?type=AirQualityObserved&georel=" + enc("near;maxDistance==" + metres)
                + "&geometry=Point&coordinates=" + enc("[" + s.lon() + "," + s.lat() + "]"));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return ids(r.json());
    }

    private static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }
}
