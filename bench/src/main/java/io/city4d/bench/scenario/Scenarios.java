package io.city4d.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every scenario, by name, in the order the suite runs them. */
public final class Scenarios {
    private Scenarios() {}

    public static Map<String, Scenario> all() {
        Map<String, Scenario> all = new LinkedHashMap<>();
        for (Scenario s : List.of(new CreateScenario(1, Peers.SCORPIO_CREATE_1), new CreateScenario(8, Peers.SCORPIO_CREATE_8),
                new BatchUpsertScenario(), new PatchScenario(), new MqttScenario(), new QueryScenario(), new NotificationScenario(),
                new TemporalScenario(), new StartupScenario(), new MemoryScenario())) {
            all.put(s.name(), s);
        }
        return all;
    }

    /** The named scenarios (comma-separated), or all when none are named. */
    public static List<Scenario> select(List<String> names) {
        Map<String, Scenario> all = all();
        if (names == null || names.isEmpty()) return new ArrayList<>(all.values());
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names) {
            Scenario s = all.get(name.trim());
            if (s == null) throw new IllegalArgumentException("no scenario " + name + "; there are " + String.join(", ", all.keySet()));
            chosen.add(s);
        }
        return chosen;
    }
}
