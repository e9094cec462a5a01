package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static io.city4d.server.EntityApiTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Loads one snapshot of Melbourne's 3,309 on-street parking bay sensors (parking_melbourne) as ParkingSpot entities in
 * batched upserts, then checks counts by type, status, zone and area, pagination and discovery against what this test
 * counts in the CSV file itself.
 */
class ParkingSnapshotReplayTest {
    @RegisterExtension
    static final SharedData data = new SharedData("parking_melbourne");
    @RegisterExtension
    static final RunningServer running = new RunningServer();

    /** One sensor; {@code zone} is null for the bays the city lists without a zone. */
    record Bay(String kerbsideId, String status, Integer zone, double lon, double lat, String statusTime) {
        String id() { return "urn:ngsi-ld:ParkingSpot:melbourne-" + kerbsideId; }

        String json() {
            return "{\"id\":\"" + id() + "\",\"type\":\"ParkingSpot\",\"status\":{\"type\":\"Property\",\"value\":\"" + status
                    + "\",\"observedAt\":\"" + statusTime + "\"}," + (zone == null ? "" : EntityApiTest.prop("zone", zone) + ",")
                    + EntityApiTest.point(lon, lat) + "}";
        }
    }

    /** A box over the central business district (the Hoddle Grid and its edges), in longitude and latitude. */
    static final double WEST = 144.955, EAST = 144.970, SOUTH = -37.820, NORTH = -37.810;

    static final List<Bay> bays = new ArrayList<>();

    @BeforeAll
    static void load() {
        for (Map<String, String> row : SharedCsv.rows("parking_melbourne/on-street-parking-bay-sensors.csv")) {
            String[] latLon = row.get("Location").split(",");  // "lat, lon", the reverse of GeoJSON's order
            String zone = row.get("Zone_Number").trim();
            bays.add(new Bay(row.get("KerbsideID"), row.get("Status_Description"), zone.isEmpty() ? null : Integer.valueOf(zone),
                    Double.parseDouble(latLon[1].trim()), Double.parseDouble(latLon[0].trim()), row.get("Status_Timestamp")));
        }
        assertThat(bays).hasSize(3309);
        assertThat(bays.stream().map(Bay::kerbsideId).distinct()).as("KerbsideID is unique").hasSize(bays.size());
        Readings.upsert(running.api, bays.stream().map(ParkingSnapshotReplayTest::earlier).map(Bay::json).toList(), 500, "");
        Readings.upsert(running.api, bays.stream().map(Bay::json).toList(), 500, "");
    }

    /**
     * The sensors are polled as snapshots, each upserted over the last. So the real snapshot goes over an earlier one made
     * up from it, where some bays had the other status, no zone yet, or stood 1 km away: every count must then be the real
     * snapshot's, whatever the indexes held before.
     */
    private static Bay earlier(Bay b) {
        int n = Integer.parseInt(b.kerbsideId());
        String status = n % 7 == 0 ? (b.status().equals("Present") ? "Unoccupied" : "Present") : b.status();
        Integer zone = n % 11 == 0 ? null : b.zone();
        double lat = n % 13 == 0 ? b.lat() + 0.009 : b.lat();
        return new Bay(b.kerbsideId(), status, zone, b.lon(), lat, b.statusTime());
    }

    private static long csvCount(Predicate<Bay> which) {
        return bays.stream().filter(which).count();
    }

    private static long count(String query) {
        var r = running.api.get(NGSI + "/entities?type=ParkingSpot&count=true&limit=0" + query);
        assertThat(r.status()).as("%s: %s", query, r).isEqualTo(200);
        return Long.parseLong(r.header("NGSILD-Results-Count").orElseThrow());
    }

    private static String q(String expression) {
        return "&q=" + enc(expression);
    }

    private static boolean inBox(Bay b) {
        return b.lon() > WEST && b.lon() < EAST && b.lat() > SOUTH && b.lat() < NORTH;
    }

    @Test
    void countsByTypeAndStatusAreTheCsvCounts() {
        assertThat(count("")).isEqualTo(bays.size());
        for (String status : List.of("Unoccupied", "Present")) {
            long expected = csvCount(b -> b.status().equals(status));
            assertThat(expected).isPositive();
            assertThat(count(q("status==\"" + status + "\""))).as(status).isEqualTo(expected);
        }
    }

    @Test
    void countsByZoneAreTheCsvCounts() {
        Map<Integer, Long> perZone = bays.stream().filter(b -> b.zone() != null).collect(Collectors.groupingBy(Bay::zone, Collectors.counting()));
        int busiest = perZone.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
        for (int zone : List.of(busiest, 7303)) {
            assertThat(count(q("zone==" + zone))).as("zone %d", zone).isEqualTo(perZone.get(zone));
            assertThat(count(q("zone==" + zone + ";status==\"Unoccupied\"")))
                    .isEqualTo(csvCount(b -> b.zone() != null && b.zone() == zone && b.status().equals("Unoccupied")));
        }
        long withoutZone = csvCount(b -> b.zone() == null);
        assertThat(withoutZone).as("the snapshot has bays without a zone").isPositive();
        assertThat(count(q("!zone"))).isEqualTo(withoutZone);
        assertThat(count(q("zone"))).isEqualTo(bays.size() - withoutZone);
    }

    @Test
    void countsWithinAnAreaAreTheCsvCounts() {
        String box = "[[[%1$s,%3$s],[%2$s,%3$s],[%2$s,%4$s],[%1$s,%4$s],[%1$s,%3$s]]]".formatted(WEST, EAST, SOUTH, NORTH);
        String within = "&georel=within&geometry=Polygon&coordinates=" + enc(box);
        long inside = csvCount(ParkingSnapshotReplayTest::inBox);
        assertThat(inside).as("the box holds some bays, not all").isBetween(1L, bays.size() - 1L);
        assertThat(count(within)).isEqualTo(inside);
        assertThat(count(within + q("status==\"Unoccupied\""))).isEqualTo(csvCount(b -> inBox(b) && b.status().equals("Unoccupied")));
    }

    @Test
    void pagesWalkTheWholeSnapshotWithNoDuplicatesOrHoles() {
        List<String> expected = bays.stream().map(Bay::id).sorted().toList();
        assertThat(walk("", 1000)).as("results come in entity id order").isEqualTo(expected);
        List<String> unoccupied = bays.stream().filter(b -> b.status().equals("Unoccupied")).map(Bay::id).sorted().toList();
        assertThat(walk(q("status==\"Unoccupied\""), 300)).isEqualTo(unoccupied);
    }

    private static List<String> walk(String query, int limit) {
        List<String> seen = new ArrayList<>();
        for (int offset = 0; ; offset += limit) {
            var r = running.api.get(NGSI + "/entities?type=ParkingSpot&options=keyValues&attrs=status&limit=" + limit + "&offset=" + offset + query);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            List<String> page = ids(r.json());
            seen.addAll(page);
            if (page.size() < limit) return seen;
        }
    }

    @Test
    void anEntityCarriesItsSensorsStatusAndTime() {
        Bay bay = bays.get(0);
        var e = running.api.get(NGSI + "/entities/" + bay.id()).json();
        assertThat(e.at("/status/value").asText()).isEqualTo(bay.status());
        assertThat(OffsetDateTime.parse(e.at("/status/observedAt").asText()).toInstant()).isEqualTo(OffsetDateTime.parse(bay.statusTime()).toInstant());
        assertThat(e.at("/location/value/coordinates/0").asDouble()).as("longitude first").isEqualTo(bay.lon());
        assertThat(e.at("/location/value/coordinates/1").asDouble()).isEqualTo(bay.lat());
    }

    @Test
    void discoveryReportsTheCount() {
        assertThat(running.api.get(NGSI + "/types").json().path("typeList")).extracting(n -> n.asText()).contains("ParkingSpot");
        var type = running.api.get(NGSI + "/types/ParkingSpot").json();
        assertThat(type.path("entityCount").asLong()).isEqualTo(bays.size());
        assertThat(type.path("attributeDetails")).extracting(n -> n.path("attributeName").asText()).contains("status", "zone", "location");
        assertThat(running.api.get(NGSI + "/attributes/zone").json().path("attributeCount").asLong()).isEqualTo(csvCount(b -> b.zone() != null));
    }
}
