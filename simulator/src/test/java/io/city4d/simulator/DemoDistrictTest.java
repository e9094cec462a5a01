package io.city4d.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.city4d.core.device.DeviceProfile;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoJson;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.model.Vocabulary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

class DemoDistrictTest {
    private static final District DISTRICT = DemoDistrict.generate(42);

    @Test
    void theSameSeedGivesTheSameDistrict() {
        District again = DemoDistrict.generate(42);
        assertThat(again.entities()).isEqualTo(DISTRICT.entities());
        assertThat(again.devices()).isEqualTo(DISTRICT.devices());
    }

    @Test
    void anotherSeedGivesAnotherDistrict() {
        District other = DemoDistrict.generate(43);
        assertThat(other.entities()).isNotEqualTo(DISTRICT.entities());
        assertThat(locations(other, "Building")).isNotEqualTo(locations(DISTRICT, "Building"));
    }

    @Test
    void everyEntityHasAValidLocationInsideTheDistrictBounds() {
        for (Entity entity : DISTRICT.entities()) {
            GeoProperty location = (GeoProperty) entity.attribute(Vocabulary.LOCATION);
            assertThat(location).as(entity.id()).isNotNull();
            Geometry reparsed = GeoJson.parse(location.geoJson().toString());
            assertThat(DemoDistrict.BOUNDS.contains(reparsed.getEnvelopeInternal())).as(entity.id()).isTrue();
        }
    }

    @Test
    void geometriesHaveTheKindTheirTypeCallsFor() {
        Map<String, String> kinds = Map.of("WaterBody", "Polygon", "AdministrativeArea", "Polygon", "Building", "Polygon",
                "Road", "LineString", "BusRoute", "LineString", "OnStreetParking", "LineString", "ParkingSpot", "Point",
                "Vehicle", "Point", "AirQualityObserved", "Point", "FloodMonitoring", "Point");
        kinds.forEach((type, kind) -> assertThat(locations(DISTRICT, type)).allSatisfy(g -> assertThat(g.getGeometryType()).isEqualTo(kind)));
    }

    @Test
    void buildingsOverlapNeitherEachOtherNorTheLake() {
        List<Geometry> buildings = locations(DISTRICT, "Building");
        Geometry lake = locations(DISTRICT, "WaterBody").getFirst();
        STRtree index = new STRtree();
        buildings.forEach(b -> index.insert(b.getEnvelopeInternal(), b));
        for (Geometry building : buildings) {
            assertThat(building.intersects(lake)).isFalse();
            for (Object other : index.query(building.getEnvelopeInternal())) {
                if (other != building) assertThat(building.intersects((Geometry) other)).isFalse();
            }
        }
    }

    @Test
    void theDistrictHasTheExpectedNumberOfEachKind() {
        assertCounts(DISTRICT);
    }

    @Test
    void everySeedGivesAWellFormedDistrict() {
        qt().withExamples(6).forAll(longs().all()).checkAssert(seed -> {
            District district = DemoDistrict.generate(seed);
            assertCounts(district);
            assertDevicesAreWellFormed(district);
            for (Entity entity : district.entities()) {
                Geometry g = ((GeoProperty) entity.attribute(Vocabulary.LOCATION)).geometry();
                assertThat(DemoDistrict.BOUNDS.contains(g.getEnvelopeInternal())).isTrue();
            }
        });
    }

    @Test
    void everyDeviceReportsForAnEntityOfItsProfilesType() {
        assertDevicesAreWellFormed(DISTRICT);
    }

    @Test
    void relationshipsPointToEntitiesOfTheDistrict() {
        Set<String> ids = DISTRICT.entities().stream().map(Entity::id).collect(Collectors.toSet());
        for (Entity entity : DISTRICT.entities()) {
            entity.attributes().values().stream().flatMap(List::stream).filter(a -> a instanceof Relationship)
                    .forEach(r -> assertThat(ids).as(entity.id()).contains(((Relationship) r).object()));
        }
    }

    @Test
    void idsAreUniqueUrnsNamingTheirType() {
        assertThat(DISTRICT.entities()).extracting(Entity::id).doesNotHaveDuplicates();
        for (Entity entity : DISTRICT.entities()) {
            String type = entity.type().substring(Vocabulary.DEFAULT_CONTEXT.length());
            assertThat(entity.id()).matches("urn:ngsi-ld:" + type + ":hk-\\d{4}");
        }
    }

    @Test
    void streetsAndWardsHaveVietnameseNames() {
        List<String> roads = texts(DISTRICT, "Road", "name");
        assertThat(roads).contains("Đinh Tiên Hoàng").allSatisfy(name -> assertThat(name).isNotBlank());
        assertThat(texts(DISTRICT, "Road", "roadClass")).allSatisfy(c -> assertThat(c).isIn("primary", "secondary", "tertiary", "residential"));
        assertThat(texts(DISTRICT, "AdministrativeArea", "name")).contains("Quận Hoàn Kiếm").anySatisfy(n -> assertThat(n).startsWith("Phường Hàng"));
    }

    @Test
    void buildingsHaveHeightsInMetresFloorsAndACategory() {
        for (Entity building : DISTRICT.entitiesOfType("Building")) {
            Property height = (Property) building.attribute(Vocabulary.expandDefault("height"));
            int floors = ((Property) building.attribute(Vocabulary.expandDefault("floors"))).value().asInt();
            assertThat(height.unitCode()).isEqualTo("MTR");
            assertThat(height.numericValue()).isBetween(3.0, 70.0);
            assertThat(floors).isBetween(1, 18);
            assertThat(((Property) building.attribute(Vocabulary.expandDefault("category"))).value().isArray()).isTrue();
        }
    }

    static void assertCounts(District district) {
        Map<String, Long> counts = district.entities().stream()
                .collect(Collectors.groupingBy(e -> e.type().substring(Vocabulary.DEFAULT_CONTEXT.length()), Collectors.counting()));
        assertThat(counts).containsOnlyKeys("WaterBody", "AdministrativeArea", "Road", "Building", "OffStreetParking",
                "OnStreetParking", "ParkingSpot", "AirQualityObserved", "FloodMonitoring", "StructuralHealthSensor",
                "BuildingOccupancy", "BusRoute", "Vehicle");
        assertThat(counts.get("WaterBody")).isEqualTo(1);
        assertThat(counts.get("AdministrativeArea")).isEqualTo(7);
        assertThat(counts.get("Road")).isBetween(18L, 40L);
        assertThat(counts.get("Building")).isBetween(350L, 600L);
        assertThat(counts.get("OffStreetParking")).isBetween(2L, 3L);
        assertThat(counts.get("OnStreetParking")).isBetween(5L, 8L);
        assertThat(counts.get("ParkingSpot")).isBetween(90L, 200L);
        assertThat(counts.get("AirQualityObserved")).isEqualTo(7);
        assertThat(counts.get("FloodMonitoring")).isEqualTo(7);
        assertThat(counts.get("StructuralHealthSensor")).isBetween(8L, 16L);
        assertThat(counts.get("BuildingOccupancy")).isBetween(20L, 30L);
        assertThat(counts.get("BusRoute")).isEqualTo(3);
        assertThat(counts.get("Vehicle")).isBetween(6L, 12L);
    }

    static void assertDevicesAreWellFormed(District district) {
        Map<String, DeviceProfile> profiles = DeviceRegistry.builtInProfiles().stream()
                .collect(Collectors.toMap(DeviceProfile::name, Function.identity()));
        assertThat(district.devices()).extracting(DeviceSpec::deviceId).doesNotHaveDuplicates();
        assertThat(district.devices()).extracting(DeviceSpec::entityId).doesNotHaveDuplicates();
        for (DeviceSpec device : district.devices()) {
            assertThat(profiles).containsKey(device.profile());
            Entity entity = district.entity(device.entityId()).orElseThrow();
            assertThat(profiles.get(device.profile()).entityTypes()).contains(entity.type());
        }
        assertThat(district.devices()).extracting(DeviceSpec::profile).containsAll(profiles.keySet());
    }

    private static List<Geometry> locations(District district, String type) {
        return district.entitiesOfType(type).stream().map(e -> ((GeoProperty) e.attribute(Vocabulary.LOCATION)).geometry()).toList();
    }

    private static List<String> texts(District district, String type, String attribute) {
        return district.entitiesOfType(type).stream()
                .map(e -> ((Property) e.attribute(Vocabulary.expandDefault(attribute))).value().asText()).toList();
    }
}
