package io.city4d.simulator;

/** A simulated device: its id, the entity it reports for, and the name of its device profile. */
public record DeviceSpec(String deviceId, String entityId, String profile) {}
