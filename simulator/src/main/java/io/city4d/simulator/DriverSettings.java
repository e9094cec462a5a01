package io.city4d.simulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link SimulatorDriver} sends to and how much. The driver only ever talks to {@code httpBase} and
 * {@code mqttHost:mqttPort}. It stops at whichever bound comes first: {@code maxReadings} readings or
 * {@code maxDuration} of wall time. The clock stamps the readings, so a fast clock replays a day in minutes.
 *
 * @param deviceKeys device id to device API key; devices without a key are not simulated
 * @param mqttShare the share of devices (0 to 1) that publish over MQTT rather than HTTP
 * @param maxMqttConnections at most this many devices use MQTT, each over its own connection
 * @param maxInFlight readings sent but not yet acknowledged; when reached, the driver waits
 */
public record DriverSettings(URI httpBase, String mqttHost, int mqttPort, Map<String, String> deviceKeys,
                             double readingsPerSecond, long maxReadings, Duration maxDuration, double mqttShare,
                             int maxMqttConnections, int maxInFlight, Clock clock) {
    public static final double DEFAULT_RATE = 50;
    public static final long DEFAULT_MAX_READINGS = 10_000;
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(5);
    public static final double DEFAULT_MQTT_SHARE = 0.5;

    public DriverSettings {
        Objects.requireNonNull(httpBase, "httpBase");
        if (!httpBase.isAbsolute() || httpBase.getHost() == null || !("http".equals(httpBase.getScheme()) || "https".equals(httpBase.getScheme()))) {
            throw new IllegalArgumentException("the HTTP base must be an absolute http(s) URL: " + httpBase);
        }
        if (mqttShare < 0 || mqttShare > 1) throw new IllegalArgumentException("the MQTT share must be between 0 and 1");
        if (mqttShare > 0 && (mqttHost == null || mqttHost.isBlank())) throw new IllegalArgumentException("an MQTT share needs an MQTT host");
        if (mqttShare > 0 && (mqttPort < 1 || mqttPort > 65_535)) throw new IllegalArgumentException("invalid MQTT port " + mqttPort);
        if (!(readingsPerSecond > 0)) throw new IllegalArgumentException("the rate must be positive");
        if (maxReadings <= 0) throw new IllegalArgumentException("the number of readings must be positive");
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) throw new IllegalArgumentException("the duration must be positive");
        if (maxMqttConnections < 0) throw new IllegalArgumentException("the MQTT connection limit cannot be negative");
        if (maxInFlight < 1) throw new IllegalArgumentException("at least one reading must be allowed in flight");
        deviceKeys = Map.copyOf(deviceKeys);
        Objects.requireNonNull(clock, "clock");
    }

    /** Default settings: 50 readings/s, half over MQTT, at most 10,000 readings or 5 minutes, the system clock. */
    public static DriverSettings of(URI httpBase, String mqttHost, int mqttPort, Map<String, String> deviceKeys) {
        return new DriverSettings(httpBase, mqttHost, mqttPort, deviceKeys, DEFAULT_RATE, DEFAULT_MAX_READINGS,
                DEFAULT_MAX_DURATION, DEFAULT_MQTT_SHARE, 200, 64, Clock.systemUTC());
    }

    public DriverSettings withRate(double perSecond) {
        return new DriverSettings(httpBase, mqttHost, mqttPort, deviceKeys, perSecond, maxReadings, maxDuration, mqttShare, maxMqttConnections, maxInFlight, clock);
    }

    public DriverSettings withMaxReadings(long count) {
        return new DriverSettings(httpBase, mqttHost, mqttPort, deviceKeys, readingsPerSecond, count, maxDuration, mqttShare, maxMqttConnections, maxInFlight, clock);
    }

    public DriverSettings withMaxDuration(Duration duration) {
        return new DriverSettings(httpBase, mqttHost, mqttPort, deviceKeys, readingsPerSecond, maxReadings, duration, mqttShare, maxMqttConnections, maxInFlight, clock);
    }

    public DriverSettings withMqttShare(double share) {
        return new DriverSettings(httpBase, mqttHost, mqttPort, deviceKeys, readingsPerSecond, maxReadings, maxDuration, share, maxMqttConnections, maxInFlight, clock);
    }

    public DriverSettings withClock(Clock newClock) {
        return new DriverSettings(httpBase, mqttHost, mqttPort, deviceKeys, readingsPerSecond, maxReadings, maxDuration, mqttShare, maxMqttConnections, maxInFlight, newClock);
    }
}
