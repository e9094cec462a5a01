package io.city4d.core.device;

import io.city4d.core.model.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a device's JSON payload maps onto its entity: the entity type to create, and for each payload key the
 * attribute (an IRI, see {@link #expanded()}) and unit. Keys named in {@code latitudeKey}/{@code longitudeKey}
 * together form the entity's location; {@code timeKey} carries the observation time. Unmapped keys are refused when
 * {@code strict}.
 */
public record DeviceProfile(String name, List<String> entityTypes, Map<String, Mapping> mappings, String timeKey,
                            String latitudeKey, String longitudeKey, boolean strict) {

    public DeviceProfile {
        entityTypes = List.copyOf(entityTypes);
        mappings = Map.copyOf(mappings);
    }

    /**
     * The same profile with its entity types and attributes given as short terms expanded as the core context
     * expands them ({@code status} to {@code https://uri.etsi.org/ngsi-ld/status}); IRIs stay as they are.
     */
    public DeviceProfile expanded() {
        Map<String, Mapping> expanded = new LinkedHashMap<>();
        mappings.forEach((key, m) -> expanded.put(key, new Mapping(Vocabulary.expandDefault(m.attribute()), m.unitCode())));
        return new DeviceProfile(name, entityTypes.stream().map(Vocabulary::expandDefault).toList(), expanded, timeKey,
                latitudeKey, longitudeKey, strict);
    }

    /** One payload key: the attribute it sets and its UN/CEFACT unit code (may be null). */
    public record Mapping(String attribute, String unitCode) {}
}
