package io.city4d.server;

import io.city4d.api.common.Requests;
import io.city4d.core.device.Device;
import io.city4d.core.model.Entity;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Outcome;
import io.city4d.core.security.Role;
import io.city4d.simulator.DeviceSpec;
import io.city4d.simulator.District;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Puts a generated district into a running City4D: its entities, its devices and a key per device. */
final class DemoLoader {
    private DemoLoader() {}

    /** Loads the district into the default tenant and returns each device's key (deviceId to key). */
    static Map<String, String> load(City4d city, District district) {
        List<CompletableFuture<Outcome>> writes = new ArrayList<>();
        for (Entity e : district.entities()) writes.add(city.pipeline().submit("", new Command.Upsert(e, true)));
        writes.forEach(Requests::await);
        Map<String, String> keys = new HashMap<>();
        for (DeviceSpec d : district.devices()) {
            city.devices().saveDevice(new Device(d.deviceId(), "", d.entityId(), d.profile()));
            city.credentials().revokeDevice("", d.deviceId());
            keys.put(d.deviceId(), city.authenticator().issue("device " + d.deviceId(), Role.DEVICE, "", d.deviceId()).secret());
        }
        return keys;
    }
}
