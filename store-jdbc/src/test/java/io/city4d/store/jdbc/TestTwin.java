package io.city4d.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.city4d.core.model.Entity;
import io.city4d.core.model.EntityJson;
import io.city4d.core.model.Json;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.TwinOperations;
import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import io.city4d.core.query.GeoQuery;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Changes entities of one tenant the way the pipeline does (through TwinOperations), with a clock that ticks a second per change. */
public final class TestTwin {
    public static final String LOCATION = GeoQuery.DEFAULT_PROPERTY;

    private final EntityStore store;
    private final String tenant;
    private Instant now = Instant.parse("2026-03-01T00:00:00Z");

    public TestTwin(EntityStore store, String tenant) {
        this.store = store;
        this.tenant = tenant;
    }

    public String tenant() {
        return tenant;
    }

    public static Entity entity(String json) {
        return EntityJson.read(json(json));
    }

    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON member of a location point. */
    public static String point(double lon, double lat) {
        return "\"" + LOCATION + "\": {\"type\": \"Point\", \"coordinates\": [" + lon + ", " + lat + "]}";
    }

    public Change creation(String json) {
        return TwinOperations.apply(tenant, new Command.Create(entity(json)), null, tick()).change();
    }

    public Entity create(String json) {
        Change change = creation(json);
        store.commit(List.of(change));
        return change.after();
    }

    /** Appends or overwrites attributes given as the members of a JSON object. */
    public Change update(String id, String attributesJson) {
        Entity current = store.find(tenant, id);
        Change change = TwinOperations.apply(tenant, new Command.UpdateAttributes(id, EntityJson.readAttributes(json(attributesJson)), Command.UpdateMode.APPEND),
                current, tick()).change();
        store.commit(List.of(change));
        return change;
    }

    public Change replace(String json) {
        Entity replacement = entity(json);
        Change change = TwinOperations.apply(tenant, new Command.Replace(replacement), store.find(tenant, replacement.id()), tick()).change();
        store.commit(List.of(change));
        return change;
    }

    public void delete(String id) {
        store.commit(List.of(TwinOperations.apply(tenant, new Command.Delete(id), store.find(tenant, id), tick()).change()));
    }

    private Instant tick() {
        now = now.plusSeconds(1);
        return now;
    }
}
