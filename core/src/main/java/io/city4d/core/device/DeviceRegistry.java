package io.city4d.core.device;

import io.city4d.core.model.Json;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.port.DocumentStore;
import io.city4d.core.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Registered devices and device profiles, durable in the document store and cached in memory. */
public final class DeviceRegistry {
    private static final String DEVICES = "devices";
    private static final String PROFILES = "device-profiles";
    private static final String GLOBAL = "";

    private final DocumentStore documents;
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, DeviceProfile> profiles = new ConcurrentHashMap<>();

    public DeviceRegistry(DocumentStore documents, DocumentLoader loader) {
        this.documents = documents;
        builtInProfiles().forEach(p -> profiles.put(p.name(), p));
        loader.forEach(PROFILES, GLOBAL, d -> {
            DeviceProfile p = Json.MAPPER.convertValue(d.body(), DeviceProfile.class);
            if (p.name() == null) throw new IllegalArgumentException("a device profile needs a name");
            profiles.put(p.name(), p);
        });
        loader.forEach(DEVICES, null, d -> {
            Device device = Json.MAPPER.convertValue(d.body(), Device.class);
            if (device.id() == null || device.tenant() == null || device.entityId() == null || device.profile() == null) {
                throw new IllegalArgumentException("a device needs an id, a tenant, an entityId and a profile");
            }
            devices.put(key(device.tenant(), device.id()), device);
        });
    }

    /** The profiles every installation has, with their names expanded; see docs/devices.md. */
    public static List<DeviceProfile> builtInProfiles() {
        try (InputStream in = DeviceRegistry.class.getResourceAsStream("/io/city4d/core/device/profiles.json")) {
            return Stream.of(Json.MAPPER.readValue(in, DeviceProfile[].class)).map(DeviceProfile::expanded).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void saveDevice(Device device) {
        if (!profiles.containsKey(device.profile())) throw ProblemException.badData("unknown device profile: " + device.profile());
        documents.put(DEVICES, device.tenant(), device.id(), Json.MAPPER.valueToTree(device));
        devices.put(key(device.tenant(), device.id()), device);
    }

    public Optional<Device> findDevice(String tenant, String deviceId) {
        return Optional.ofNullable(devices.get(key(tenant, deviceId)));
    }

    public List<Device> listDevices(String tenant) {
        List<Device> result = new ArrayList<>();
        for (Device d : devices.values()) if (tenant == null || d.tenant().equals(tenant)) result.add(d);
        return result;
    }

    public boolean deleteDevice(String tenant, String deviceId) {
        devices.remove(key(tenant, deviceId));
        return documents.delete(DEVICES, tenant, deviceId);
    }

    public void saveProfile(DeviceProfile profile) {
        documents.put(PROFILES, GLOBAL, profile.name(), Json.MAPPER.valueToTree(profile));
        profiles.put(profile.name(), profile);
    }

    public Optional<DeviceProfile> findProfile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    public List<DeviceProfile> listProfiles() {
        return List.copyOf(profiles.values());
    }

    private static String key(String tenant, String id) {
        return tenant + '\u0000' + id;
    }
}
