package io.city4d.protocol.mqtt;

import io.city4d.core.device.Device;
import io.city4d.core.device.DeviceRegistry;
import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.model.Entity;
import io.city4d.core.model.Property;
import io.city4d.core.model.Vocabulary;
import io.city4d.core.pipeline.Command;
import io.city4d.core.pipeline.Pipeline;
import io.city4d.core.pipeline.TwinOperations;
import io.city4d.core.port.DocumentLoader;
import io.city4d.core.security.Authenticator;
import io.city4d.core.security.Credentials;
import io.city4d.core.security.Principal;
import io.city4d.core.security.Role;
import io.city4d.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A real core on a SQLite file: pipeline, devices, credentials and telemetry, as the server wires them. */
final class TestCity implements AutoCloseable {
    final SqliteStorage storage;
    final Pipeline pipeline;
    final DeviceRegistry registry;
    final Authenticator authenticator;
    final DeviceTelemetry telemetry;

    TestCity(Path dir) {
        this(dir, Pipeline.Settings.defaults());
    }

    TestCity(Path dir, Pipeline.Settings settings) {
        storage = new SqliteStorage(dir.resolve("city4d.db"));
        pipeline = new Pipeline(storage.entities(), Clock.systemUTC(), settings);
        DocumentLoader loader = new DocumentLoader(storage.documents());
        registry = new DeviceRegistry(storage.documents(), loader);
        authenticator = new Authenticator(new Credentials(storage.documents(), loader), Clock.systemUTC());
        telemetry = new DeviceTelemetry(registry, pipeline, Clock.systemUTC());
    }

    /** Registers an air-quality device and returns the API key of its own credential. */
    String addDevice(String tenant, String deviceId) {
        registry.saveDevice(new Device(deviceId, tenant, entityId(deviceId), "air-quality"));
        return authenticator.issue("device " + deviceId, Role.DEVICE, tenant, deviceId).secret();
    }

    /** Returns the API key of an operator of the tenant. */
    String addOperator(String tenant) {
        return authenticator.issue("operator of " + tenant, Role.OPERATOR, tenant, null).secret();
    }

    Principal operator(String tenant) {
        return authenticator.issue("bridge of " + tenant, Role.OPERATOR, tenant, null).credential().principal();
    }

    static String entityId(String deviceId) {
        return "urn:ngsi-ld:AirQualityObserved:" + deviceId;
    }

    static String attribute(String payloadKey) {
        return Vocabulary.expandDefault(payloadKey);
    }

    /**
     * Has the pipeline learn that the device's entity does not exist, then writes the entity straight into the store, as
     * a second writer of the database could: the pipeline's next create of it breaks the store's uniqueness.
     */
    void writeEntityBehindThePipeline(String tenant, String deviceId) throws Exception {
        try {
            pipeline.submit(tenant, new Command.Delete(entityId(deviceId))).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // not found, as it should be
        }
        Entity entity = Entity.of(entityId(deviceId), List.of(Vocabulary.expandDefault("AirQualityObserved")), Map.of(), null, null);
        storage.entities().commit(List.of(TwinOperations.apply(tenant, new Command.Create(entity), null, Instant.now()).change()));
    }

    Entity entity(String tenant, String deviceId) {
        return storage.entities().find(tenant, entityId(deviceId));
    }

    /** The stored value of a reading's attribute as a number, or null when the entity or attribute is missing. */
    Double reading(String tenant, String deviceId, String payloadKey) {
        Entity entity = entity(tenant, deviceId);
        if (entity == null || !(entity.attribute(attribute(payloadKey)) instanceof Property p)) return null;
        return p.numericValue();
    }

    @Override
    public void close() {
        pipeline.close();
        storage.close();
    }
}
