package io.city4d.simulator;

import io.city4d.core.model.Entity;
import io.city4d.core.model.Vocabulary;
import java.util.List;
import java.util.Optional;

/** A generated district: its entities (names already expanded) and the devices that report for some of them. */
public record District(List<Entity> entities, List<DeviceSpec> devices) {

    public District {
        entities = List.copyOf(entities);
        devices = List.copyOf(devices);
    }

    public Optional<Entity> entity(String id) {
        return entities.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The entities of a type given as a short term such as {@code "Building"}. */
    public List<Entity> entitiesOfType(String typeTerm) {
        String type = Vocabulary.expandDefault(typeTerm);
        return entities.stream().filter(e -> e.hasType(type)).toList();
    }
}
