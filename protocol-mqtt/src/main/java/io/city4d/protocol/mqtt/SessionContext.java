package io.city4d.protocol.mqtt;

import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.security.Authenticator;
import java.util.concurrent.ConcurrentMap;

/** What every connection of an endpoint shares; {@code sessions} holds the open sessions by principal and client id. */
record SessionContext(MqttEndpoint.Settings settings, Authenticator authenticator, DeviceTelemetry telemetry,
                      EndpointCounters counters, CommandSubscribers commands, ConcurrentMap<String, MqttSession> sessions) {}
