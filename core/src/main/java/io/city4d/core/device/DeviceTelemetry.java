package io.city4d.core.device;

import io.city4d.core.model.Attribute;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Outcome;
import io.city4d.core.pipeline.Pipeline;

import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The southbound entry for device readings, whatever protocol carried them (HTTP, MQTT, bridge). */
public final class DeviceTelemetry {
    private final DeviceRegistry registry;
    private final Pipeline pipeline;
    private final Clock clock;

    public DeviceTelemetry(DeviceRegistry registry, Pipeline pipeline, Clock clock) {
        this.registry = registry;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /**
     * Maps and queues a reading. The future completes when it is durable. A device principal may only send for
     * itself; operators and admins may send for any device of their tenant.
     */
    public CompletableFuture<Outcome> ingest(Principal sender, String tenant, String deviceId, byte[] payload) {
        if (sender.role() == Role.DEVICE ? !deviceId.equals(sender.deviceId()) : !sender.role().canWrite()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "this credential may not send data for device " + deviceId);
        }
        if (!sender.mayUseTenant(tenant)) throw new ProblemException(ProblemType.FORBIDDEN, "this credential may not use tenant " + tenant);
        Device device = registry.findDevice(tenant, deviceId)
                .orElseThrow(() -> ProblemException.notFound("unknown device: " + deviceId));
        DeviceProfile profile = registry.findProfile(device.profile())
                .orElseThrow(() -> ProblemException.notFound("unknown device profile: " + device.profile()));
        Map<String, Attribute> attributes = PayloadMapper.map(profile, payload, clock.instant());
        return pipeline.submit(tenant, new Command.Ingest(device.entityId(), profile.entityTypes(), attributes));
    }
}
