package io.city4d.core.model;

import io.city4d.core.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The rules of an attribute's instances (NGSI-LD clause 4.5.5): each datasetId at most once, the default one included. */
public final class Instances {
    private Instances() {}

    /** The instances as an unmodifiable list, refused (400) when two share a datasetId. */
    public static List<Attribute> checked(String name, List<Attribute> instances) {
        if (instances.size() == 1) return List.copyOf(instances);
        for (int i = 0; i < instances.size(); i++) {
            Attribute instance = Objects.requireNonNull(instances.get(i), "attribute instance");
            if (find(instances.subList(0, i), instance.datasetId()) != null) {
                throw ProblemException.badData("attribute " + name + " has two instances with "
                        + (instance.datasetId() == null ? "no datasetId" : "datasetId " + instance.datasetId()));
            }
        }
        return List.copyOf(instances);
    }

    public static Map<String, List<Attribute>> single(Map<String, ? extends Attribute> attributes) {
        Map<String, List<Attribute>> out = new LinkedHashMap<>();
        if (attributes != null) attributes.forEach((name, attribute) -> out.put(name, List.of(attribute)));
        return out;
    }

    /** The instance with that datasetId (null: the default instance), or null. */
    public static Attribute find(List<Attribute> instances, String datasetId) {
        for (Attribute instance : instances) if (Objects.equals(instance.datasetId(), datasetId)) return instance;
        return null;
    }

    static Attribute preferred(List<Attribute> instances) {
        Attribute defaultInstance = find(instances, null);
        return defaultInstance != null ? defaultInstance : instances.get(0);
    }

    /** The instances with the given one in place of the one of the same datasetId, or added after the others. */
    public static List<Attribute> put(List<Attribute> instances, Attribute instance) {
        List<Attribute> out = new ArrayList<>(instances.size() + 1);
        boolean replaced = false;
        for (Attribute old : instances) {
            if (Objects.equals(old.datasetId(), instance.datasetId())) {
                out.add(instance);
                replaced = true;
            } else {
                out.add(old);
            }
        }
        if (!replaced) out.add(instance);
        return out;
    }

    /** The instances without the one of that datasetId. */
    public static List<Attribute> without(List<Attribute> instances, String datasetId) {
        List<Attribute> out = new ArrayList<>(instances.size());
        for (Attribute old : instances) if (!Objects.equals(old.datasetId(), datasetId)) out.add(old);
        return out;
    }
}
