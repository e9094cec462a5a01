package io.city4d.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.GeoProperty;
import io.city4d.core.model.Json;
import io.city4d.core.model.Property;
import io.city4d.core.model.Relationship;
import io.city4d.core.model.Times;
import io.city4d.core.model.Vocabulary;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Coordinate;

/**
 * The simulated sensors of a district. A reading is a pure function of (seed, device, instant): the same arguments
 * always give the same payload, and readings for any instant can be computed in any order. Daily rhythms follow
 * Hanoi local time (UTC+7).
 */
public final class SensorModel {
    private final Map<String, DeviceSpec> devices;
    private final Map<String, ReadingSource> sources = new HashMap<>();

    public SensorModel(long seed, District district) {
        this.devices = district.devices().stream().collect(Collectors.toMap(DeviceSpec::deviceId, Function.identity()));
        Map<String, Entity> entities = district.entities().stream().collect(Collectors.toMap(Entity::id, Function.identity()));
        HanoiWeather weather = new HanoiWeather(seed);
        Map<String, Integer> busesOnRoute = new HashMap<>();
        for (DeviceSpec device : district.devices()) {
            Entity entity = entities.get(device.entityId());
            DeviceNoise noise = new DeviceNoise(seed, device.deviceId());
            sources.put(device.deviceId(), switch (device.profile()) {
                case StreetSensors.AIR_QUALITY -> new AirQualityStation(noise, weather);
                case StreetSensors.WATER_LEVEL -> new WaterGauge(noise, weather, firstText(entity, "category").equals(StreetSensors.LAKE));
                case ParkingSites.PROFILE -> new ParkingBay(noise, firstText(entity, "category").equals("onStreet"));
                case BuildingSensors.STRUCTURAL_HEALTH -> new StructuralMonitor(noise, weather, value(related(entity, "refBuilding", entities), "floors").asInt());
                case BuildingSensors.OCCUPANCY -> new OccupancyCounter(noise, value(entity, "capacity").asInt(),
                        BuildingKind.ofCategory(firstText(related(entity, "refBuilding", entities), "category")));
                case BusLines.PROFILE -> {
                    Entity route = related(entity, "refRoute", entities);
                    int busOnRoute = busesOnRoute.merge(route.id(), 1, Integer::sum) - 1;
                    yield new BusTracker(noise, track(route), value(route, "routeCode").asText(), busOnRoute);
                }
                default -> throw new IllegalArgumentException("no simulated sensor for profile " + device.profile());
            });
        }
    }

    /** The payload that {@code device} sends at {@code at}: the keys of its profile plus {@code ts}. */
    public ObjectNode reading(DeviceSpec device, Instant at) {
        ReadingSource source = sources.get(device.deviceId());
        if (source == null || !devices.get(device.deviceId()).equals(device)) {
            throw new IllegalArgumentException("not a device of this district: " + device);
        }
        ObjectNode payload = Json.NODES.objectNode();
        source.fill(payload, at);
        payload.put("ts", Times.format(at));
        return payload;
    }

    private static JsonNode value(Entity entity, String name) {
        if (entity.attribute(Vocabulary.expandDefault(name)) instanceof Property property) return property.value();
        throw new IllegalArgumentException(entity.id() + " has no property " + name);
    }

    private static String firstText(Entity entity, String name) {
        JsonNode value = value(entity, name);
        return (value.isArray() ? value.get(0) : value).asText();
    }

    private static Entity related(Entity entity, String relationship, Map<String, Entity> entities) {
        if (entity.attribute(Vocabulary.expandDefault(relationship)) instanceof Relationship r && entities.containsKey(r.object())) {
            return entities.get(r.object());
        }
        throw new IllegalArgumentException(entity.id() + " has no " + relationship + " within the district");
    }

    private static RouteTrack track(Entity route) {
        if (!(route.attribute(Vocabulary.LOCATION) instanceof GeoProperty location)) {
            throw new IllegalArgumentException(route.id() + " has no route line");
        }
        Coordinate[] lonLat = location.geometry().getCoordinates();
        Coordinate[] local = new Coordinate[lonLat.length];
        for (int i = 0; i < lonLat.length; i++) local[i] = LocalFrame.local(lonLat[i].x, lonLat[i].y);
        return new RouteTrack(local);
    }
}
