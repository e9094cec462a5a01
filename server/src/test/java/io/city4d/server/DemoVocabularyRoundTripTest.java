package io.city4d.server;

import static io.city4d.server.Api.NGSI;
import static io.city4d.server.Api.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.device.DeviceProfile;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.simulator.DemoDistrict;
import io.city4d.simulator.DeviceSpec;
import io.city4d.simulator.District;
import io.city4d.simulator.DriverProgress;
import io.city4d.simulator.DriverSettings;
import io.city4d.simulator.SensorModel;
import io.city4d.simulator.SimulatorDriver;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every attribute of every demo type, written the demo's way (the simulator's district, then its sensors' readings
 * through the device profiles over HTTP and MQTT), reads back through the NGSI-LD API with the core context under its
 * short name, and q finds it by that name.
 */
class DemoVocabularyRoundTripTest {
    private static final long SEED = 42;
    private static final Pattern TERM = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final District DISTRICT = DemoDistrict.generate(SEED);
    private static final SensorModel MODEL = new SensorModel(SEED, DISTRICT);
    private static final Map<String, DeviceProfile> PROFILES = DeviceRegistry.builtInProfiles().stream()
            .collect(Collectors.toMap(DeviceProfile::name, Function.identity()));

    @RegisterExtension
    static final RunningServer running = new RunningServer();

    @BeforeAll
    static void loadTheDemoAndLetEachSensorReportTwice() throws InterruptedException {
        Map<String, String> keys = DemoLoader.load(running.server.city, DISTRICT);
        DriverSettings settings = DriverSettings.of(URI.create(running.server.city.baseUrl()), "127.0.0.1", running.server.city.mqttPort(), keys)
                .withRate(1_000).withMaxReadings(2L * DISTRICT.devices().size()).withMaxDuration(Duration.ofMinutes(1));
        SimulatorDriver driver = new SimulatorDriver(settings, DISTRICT.devices(), MODEL);
        assertThat(driver.mqttDevices()).as("some sensors use MQTT").isNotEmpty();
        DriverProgress done = driver.run(p -> { });
        assertThat(done.failed()).as(String.valueOf(done.lastFailure())).isZero();
        assertThat(done.acknowledged()).isEqualTo(2L * DISTRICT.devices().size());
    }

    @Test
    void everyAttributeOfEveryDemoTypeComesBackUnderItsShortNameAndQFindsIt() {
        Set<String> types = DISTRICT.entities().stream().flatMap(e -> e.types().stream()).collect(Collectors.toSet());
        JsonNode typeList = running.api.get(NGSI + "/types").json().get("typeList");
        assertThat(typeList).hasSize(types.size()).allSatisfy(t -> assertThat(t.asText()).matches(TERM));
        for (JsonNode t : typeList) {
            String type = t.asText();
            Api.Response page = running.api.get(NGSI + "/entities?type=" + type + "&limit=1000&count=true");
            assertThat(page.header("NGSILD-Results-Count")).as(type).contains(String.valueOf(DISTRICT.entitiesOfType(type).size()));
            Map<String, AttributeUse> uses = new TreeMap<>();
            for (JsonNode entity : page.json()) {
                for (Map.Entry<String, JsonNode> field : entity.properties()) {
                    if (field.getKey().equals("id") || field.getKey().equals("type")) continue;
                    assertThat(field.getKey()).as("an attribute of " + type).matches(TERM);
                    uses.computeIfAbsent(field.getKey(), k -> new AttributeUse()).add(field.getValue());
                }
            }
            uses.forEach((name, use) -> assertQueriesFind(type, name, use));
        }
    }

    @Test
    void whatTheSensorsSendArrivesUnderTheNamesOfTheirProfiles() {
        Map<String, DeviceSpec> oneDeviceOfEachProfile = DISTRICT.devices().stream()
                .collect(Collectors.toMap(DeviceSpec::profile, Function.identity(), (a, b) -> a, TreeMap::new));
        assertThat(oneDeviceOfEachProfile.keySet()).containsExactlyInAnyOrderElementsOf(PROFILES.keySet());
        for (DeviceSpec device : oneDeviceOfEachProfile.values()) {
            DeviceProfile profile = PROFILES.get(device.profile());
            JsonNode entity = running.api.get(NGSI + "/entities/" + enc(device.entityId())).json();
            for (String name : sentNames(device, profile)) {
                assertThat(entity.path(name).path("observedAt").isTextual()).as(device.profile() + " reading " + name + " in " + entity).isTrue();
            }
        }
    }

    /** The short names a device's readings should land under: the last segment of each mapped IRI, as written in profiles.json. */
    private static Set<String> sentNames(DeviceSpec device, DeviceProfile profile) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> keys = MODEL.reading(device, Instant.now()).fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals(profile.timeKey())) continue;
            if (key.equals(profile.latitudeKey()) || key.equals(profile.longitudeKey())) {
                names.add("location");
                continue;
            }
            DeviceProfile.Mapping mapping = profile.mappings().get(key);
            String iri = mapping == null ? key : mapping.attribute();
            names.add(iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1));
        }
        return names;
    }

    private static void assertQueriesFind(String type, String name, AttributeUse use) {
        assertThat(count(type, name)).as("q=" + name + " over " + type).isEqualTo(use.holders);
        if (use.sample != null) {
            assertThat(count(type, name + "==" + use.sample)).as("q=" + name + "==" + use.sample + " over " + type).isPositive();
        }
    }

    private static long count(String type, String q) {
        Api.Response r = running.api.get(NGSI + "/entities?type=" + type + "&q=" + enc(q) + "&count=true&limit=0");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Long.parseLong(r.header("NGSILD-Results-Count").orElseThrow());
    }

    /** How many entities of a type hold an attribute, and a q literal of one of its scalar values, when it has one. */
    private static final class AttributeUse {
        long holders;
        String sample;

        void add(JsonNode attribute) {
            holders++;
            if (sample != null) return;
            JsonNode v = attribute.has("object") ? attribute.get("object") : attribute.path("value");
            if (attribute.has("object")) sample = v.asText();
            else if (v.isTextual()) sample = "\"" + v.asText() + "\"";
            else if (v.isNumber() || v.isBoolean()) sample = v.toString();
        }
    }
}
