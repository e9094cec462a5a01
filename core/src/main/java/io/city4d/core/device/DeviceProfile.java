package io.city4d.core.device;

import java.util.List;
import java.util.Map;

/**
 * How a device's JSON payload maps onto its entity: the entity type to create, and for each payload key the
 * attribute (expanded IRI) and unit. Keys named in {@code latitudeKey}/{@code longitudeKey} together form the
 * entity's location; {@code timeKey} carries the observation time. Unmapped keys are refused when {@code strict}.
 */
public record DeviceProfile(String name, List<String> entityTypes, Map<String, Mapping> mappings, String timeKey,
                            String latitudeKey, String longitudeKey, boolean strict) {

    public DeviceProfile {
        entityTypes = List.copyOf(entityTypes);
        mappings = Map.copyOf(mappings);
    }

    /** One payload key: the attribute it sets and its UN/CEFACT unit code (may be null). */
    public record Mapping(String attribute, String unitCode) {}
}
