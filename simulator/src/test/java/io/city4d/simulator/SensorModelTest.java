package io.city4d.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.device.DeviceProfile;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.core.device.PayloadMapper;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Relationship;
import io.city4d.core.model.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

class SensorModelTest {
    private static final ZoneOffset HANOI = ZoneOffset.ofHours(7);
    private static final long SEED = 42;
    private static final District DISTRICT = DemoDistrict.generate(SEED);
    private static final SensorModel MODEL = new SensorModel(SEED, DISTRICT);
    private static final Map<String, DeviceProfile> PROFILES = DeviceRegistry.builtInProfiles().stream()
            .collect(Collectors.toMap(DeviceProfile::name, Function.identity()));
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 6);

    @Test
    void readingsAreAFunctionOfSeedDeviceAndInstant() {
        SensorModel again = new SensorModel(SEED, DemoDistrict.generate(SEED));
        SensorModel otherSeed = new SensorModel(7, DISTRICT);
        int differing = 0;
        for (DeviceSpec device : DISTRICT.devices()) {
            for (Instant at : List.of(local(FIRST_DAY, 8, 15), local(FIRST_DAY.plusDays(200), 17, 40))) {
                assertThat(again.reading(device, at)).isEqualTo(MODEL.reading(device, at));
                if (!otherSeed.reading(device, at).equals(MODEL.reading(device, at))) differing++;
            }
        }
        assertThat(differing).isGreaterThan(DISTRICT.devices().size());
    }

    @Test
    void everyReadingIsMappedByItsProfile() {
        qt().withExamples(200).forAll(integers().between(0, 10_000), longs().between(1_577_836_800L, 2_051_222_400L))
                .checkAssert(SensorModelTest::isMappedByItsProfile);
    }

    private static void isMappedByItsProfile(int deviceIndex, long epochSecond) {
        DeviceSpec device = DISTRICT.devices().get(deviceIndex % DISTRICT.devices().size());
        Instant at = Instant.ofEpochSecond(epochSecond);
        ObjectNode reading = MODEL.reading(device, at);
        DeviceProfile profile = PROFILES.get(device.profile());
        for (Iterator<String> keys = reading.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            assertThat(profile.mappings().containsKey(key) || key.equals(profile.timeKey())
                    || key.equals(profile.latitudeKey()) || key.equals(profile.longitudeKey())).as(device.profile() + " key " + key).isTrue();
        }
        var attributes = PayloadMapper.map(profile, reading.toString().getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        assertThat(attributes).isNotEmpty();
        assertThat(attributes.values()).allSatisfy(a -> assertThat(a.observedAt()).isEqualTo(at));
        assertThat(MODEL.reading(device, at)).isEqualTo(reading);
    }

    @Test
    void everyProfileSendsTheKeysItIsKnownBy() {
        Map<String, List<String>> expected = Map.of(
                "air-quality", List.of("pm25", "pm10", "no2", "o3", "co", "temperature", "humidity", "ts"),
                "water-level", List.of("level", "rain", "ts"),
                "parking-spot", List.of("status", "ts"),
                "structural-health", List.of("vibration", "strain", "tilt", "frequency", "temperature", "ts"),
                "occupancy", List.of("people", "co2", "ts"),
                "vehicle", List.of("lat", "lon", "speed", "bearing", "route", "ts"));
        for (DeviceSpec device : DISTRICT.devices()) {
            ObjectNode reading = MODEL.reading(device, local(FIRST_DAY, 12, 0));
            assertThat(reading.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(expected.get(device.profile()));
        }
    }

    @Test
    void fineDustPeaksInTheMorningRushAtTypicalHanoiLevels() {
        double rush = mean("air-quality", 90, 8, r -> r.get("pm25").asDouble());
        double night = mean("air-quality", 90, 3, r -> r.get("pm25").asDouble());
        assertThat(rush).isGreaterThan(night * 1.2);
        double yearly = meanOverYear("air-quality", r -> r.get("pm25").asDouble());
        assertThat(yearly).isBetween(25.0, 90.0);
        assertThat(mean("air-quality", 30, 17.5, r -> r.get("pm10").asDouble())).isGreaterThan(mean("air-quality", 30, 17.5, r -> r.get("pm25").asDouble()));
    }

    @Test
    void temperatureFollowsTheDayAndTheSeasons() {
        double afternoon = mean("air-quality", 60, 14, r -> r.get("temperature").asDouble());
        double dawn = mean("air-quality", 60, 5.5, r -> r.get("temperature").asDouble());
        assertThat(afternoon - dawn).isBetween(4.0, 10.0);
        double january = mean("air-quality", FIRST_DAY, 28, 14, r -> r.get("temperature").asDouble());
        double july = mean("air-quality", LocalDate.of(2025, 7, 1), 28, 14, r -> r.get("temperature").asDouble());
        assertThat(january).isBetween(14.0, 24.0);
        assertThat(july).isBetween(29.0, 37.0);
    }

    @Test
    void buildingsAreFullInOfficeHoursAndParkingBusyInTheDay() {
        double workday = mean("occupancy", 60, 10.5, r -> r.get("co2").asDouble());
        double night = mean("occupancy", 60, 3, r -> r.get("co2").asDouble());
        assertThat(workday).isGreaterThan(night + 150);
        double occupiedAtNoon = mean("parking-spot", 30, 11, r -> r.get("status").asText().equals("occupied") ? 1 : 0);
        double occupiedAtFour = mean("parking-spot", 30, 4, r -> r.get("status").asText().equals("occupied") ? 1 : 0);
        assertThat(occupiedAtNoon).isGreaterThan(occupiedAtFour + 0.3);
    }

    @Test
    void aParkedCarStaysForAWhile() {
        DeviceSpec bay = devices("parking-spot").getFirst();
        Instant noon = local(FIRST_DAY, 12, 0);
        int changes = 0;
        for (int minute = 0; minute < 600; minute++) {
            String now = MODEL.reading(bay, noon.plus(Duration.ofMinutes(minute))).get("status").asText();
            String before = MODEL.reading(bay, noon.plus(Duration.ofMinutes(minute - 1))).get("status").asText();
            if (!now.equals(before)) changes++;
        }
        assertThat(changes).isLessThanOrEqualTo(30);
    }

    @Test
    void drainsFillInDownpoursAndTheLakeStaysWithinItsBanks() {
        DeviceSpec drain = gauge("drain");
        DeviceSpec lake = gauge("lake");
        double wettestRain = 0;
        double drainAtWettest = 0;
        for (Instant at = local(LocalDate.of(2025, 6, 1), 0, 0); at.isBefore(local(LocalDate.of(2025, 9, 1), 0, 0)); at = at.plus(Duration.ofHours(1))) {
            ObjectNode reading = MODEL.reading(drain, at);
            if (reading.get("rain").asDouble() > wettestRain) {
                wettestRain = reading.get("rain").asDouble();
                drainAtWettest = reading.get("level").asDouble();
            }
            assertThat(MODEL.reading(lake, at).get("level").asDouble()).isBetween(1.0, 2.6);
        }
        assertThat(wettestRain).isGreaterThan(20);
        assertThat(drainAtWettest).isGreaterThan(0.5);
        double dryDrain = mean("water-level", LocalDate.of(2025, 1, 1), 30, 12, r -> r.get("rain").asDouble());
        assertThat(dryDrain).isLessThan(0.5);
    }

    @Test
    void structuralReadingsAreInPlausibleRanges() {
        for (DeviceSpec device : devices("structural-health")) {
            ObjectNode r = MODEL.reading(device, local(FIRST_DAY, 9, 0));
            assertThat(r.get("frequency").asDouble()).isBetween(0.4, 11.0);
            assertThat(r.get("vibration").asDouble()).isBetween(0.0, 0.1);
            assertThat(r.get("tilt").asDouble()).isBetween(0.0, 2.0);
            assertThat(r.get("strain").asDouble()).isBetween(0.0, 400.0);
        }
    }

    @Test
    void busesStayOnTheirRouteAndMoveAlongIt() {
        for (DeviceSpec bus : devices("vehicle")) {
            LineString route = routeOf(bus);
            ObjectNode previous = MODEL.reading(bus, local(FIRST_DAY, 0, 0));
            for (int minute = 1; minute < 26 * 60; minute++) {
                ObjectNode r = MODEL.reading(bus, local(FIRST_DAY, 0, 0).plus(Duration.ofMinutes(minute)));
                assertThat(metresFromLine(r, route)).isLessThan(0.1);
                assertThat(r.get("speed").asDouble()).isBetween(0.0, 35.0);
                assertThat(r.get("bearing").asInt()).isBetween(0, 360);
                // no jumps, not even at the end of service or at midnight: 35 km/h is 583 m a minute
                assertThat(metresBetween(previous, r)).as(bus.deviceId() + " at minute " + minute).isLessThan(600);
                previous = r;
            }
            ObjectNode at10 = MODEL.reading(bus, local(FIRST_DAY, 10, 0));
            ObjectNode later = MODEL.reading(bus, local(FIRST_DAY, 10, 1));
            assertThat(metresBetween(at10, later)).as(bus.deviceId()).isBetween(50.0, 600.0);
            assertThat(at10.get("speed").asDouble()).isGreaterThan(5);
            ObjectNode beforeService = MODEL.reading(bus, local(FIRST_DAY, 4, 0));
            assertThat(beforeService.get("speed").asDouble()).isZero();
            assertThat(metresBetween(beforeService, MODEL.reading(bus, local(FIRST_DAY.plusDays(1), 3, 0)))).isLessThan(0.01);
        }
    }

    @Test
    void anUnknownDeviceIsRefused() {
        assertThatThrownBy(() -> MODEL.reading(new DeviceSpec("nobody", "urn:ngsi-ld:X:1", "air-quality"), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double mean(String profile, int days, double hour, ToDoubleFunction<ObjectNode> value) {
        return mean(profile, FIRST_DAY, days, hour, value);
    }

    /** The mean over the profile's devices and {@code days} consecutive weekdays from {@code from}, at a local hour. */
    private static double mean(String profile, LocalDate from, int days, double hour, ToDoubleFunction<ObjectNode> value) {
        double sum = 0;
        int n = 0;
        for (LocalDate day = from; n < days * devices(profile).size(); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() > 5) continue;
            for (DeviceSpec device : devices(profile)) {
                sum += value.applyAsDouble(MODEL.reading(device, local(day, (int) hour, (int) Math.round((hour % 1) * 60))));
                n++;
            }
        }
        return sum / n;
    }

    private static double meanOverYear(String profile, ToDoubleFunction<ObjectNode> value) {
        double sum = 0;
        int n = 0;
        for (int day = 0; day < 365; day += 3) {
            for (int hour = 0; hour < 24; hour += 3) {
                for (DeviceSpec device : devices(profile)) {
                    sum += value.applyAsDouble(MODEL.reading(device, local(FIRST_DAY.plusDays(day), hour, 0)));
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static Instant local(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, LocalTime.of(hour, minute)).toInstant(HANOI);
    }

    private static List<DeviceSpec> devices(String profile) {
        return DISTRICT.devices().stream().filter(d -> d.profile().equals(profile)).toList();
    }

    private static DeviceSpec gauge(String category) {
        return devices("water-level").stream()
                .filter(d -> DISTRICT.entity(d.entityId()).orElseThrow().attribute(Vocabulary.expandDefault("category")).toString().contains(category))
                .findFirst().orElseThrow();
    }

    private static LineString routeOf(DeviceSpec bus) {
        Entity vehicle = DISTRICT.entity(bus.entityId()).orElseThrow();
        String routeId = ((Relationship) vehicle.attribute(Vocabulary.expandDefault("refRoute"))).object();
        Geometry lonLat = ((GeoProperty) DISTRICT.entity(routeId).orElseThrow().attribute(Vocabulary.LOCATION)).geometry();
        return Shapes.line(Arrays.stream(lonLat.getCoordinates()).map(c -> LocalFrame.local(c.x, c.y)).toArray(Coordinate[]::new));
    }

    private static double metresFromLine(ObjectNode reading, LineString route) {
        Coordinate c = LocalFrame.local(reading.get("lon").asDouble(), reading.get("lat").asDouble());
        return route.distance(Shapes.point(c.x, c.y));
    }

    private static double metresBetween(ObjectNode a, ObjectNode b) {
        return LocalFrame.local(a.get("lon").asDouble(), a.get("lat").asDouble())
                .distance(LocalFrame.local(b.get("lon").asDouble(), b.get("lat").asDouble()));
    }
}
