package io.city4d.simulator;

import io.city4d.core.model.Entity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers entities per type ({@code urn:ngsi-ld:Building:hk-0001}) and devices per profile while the district is assembled. */
final class DistrictAssembly {
    private final List<Entity> entities = new ArrayList<>();
    private final List<DeviceSpec> devices = new ArrayList<>();
    private final Map<String, Integer> counters = new HashMap<>();

    EntityDraft draft(String type) {
        return new EntityDraft("urn:ngsi-ld:" + type + ":hk-" + next(type), type);
    }

    Entity add(EntityDraft draft) {
        Entity entity = draft.build();
        entities.add(entity);
        return entity;
    }

    /** Adds an entity that a device of the given profile reports for. */
    Entity addSensed(EntityDraft draft, String profile) {
        Entity entity = add(draft);
        devices.add(new DeviceSpec("hk-" + profile + "-" + next("device:" + profile), entity.id(), profile));
        return entity;
    }

    District district() {
        return new District(entities, devices);
    }

    private String next(String counter) {
        return "%04d".formatted(counters.merge(counter, 1, Integer::sum));
    }
}
