package io.city4d.core.device;

/** A registered device: it sends telemetry for one entity of one tenant, read through a device profile. */
public record Device(String id, String tenant, String entityId, String profile) {}
