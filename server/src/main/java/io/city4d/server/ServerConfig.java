package io.city4d.server;

import io.city4d.api.common.RateLimits;
import io.city4d.core.pipeline.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a City4D process needs to start. Ports may be 0 for a free port. The store is "sqlite" (the embedded
 * default, a file under dataDir) or "postgres" (dbUrl, dbUser, dbPassword). Remote @contexts are fetched from public
 * addresses only, and from the hosts and address ranges in contextAllow; notifications are sent to public addresses
 * only, and to those in notifyAllow.
 */
public record ServerConfig(String host, int httpPort, int mqttPort, Path dataDir, String store, String dbUrl, String dbUser,
                           String dbPassword, String adminToken, long maxBodyBytes, List<Duration> notificationRetries,
                           Bridge bridge, Pipeline.Settings pipeline, List<String> contextAllow, List<String> notifyAllow,
                           RateLimits rateLimits) {

    /**
     * An external MQTT broker to take device readings from, or null. Topics follow the device scheme under the prefix
     * ({@code {prefix}devices/{id}/attrs}); the client id names the bridge's persistent session on the broker.
     */
    public record Bridge(String host, int port, String username, String password, String topicPrefix, String clientId) {}

    public static ServerConfig embedded(Path dataDir, int httpPort, int mqttPort) {
        return new ServerConfig("127.0.0.1", httpPort, mqttPort, dataDir, "sqlite", null, null, null,
                System.getenv("CITY4D_ADMIN_TOKEN"), 4L << 20,
                List.of(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(8)), null, Pipeline.Settings.defaults(),
                List.of(), List.of(), RateLimits.defaults());
    }

    public ServerConfig withAdminToken(String token) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, token, maxBodyBytes, notificationRetries, bridge, pipeline, contextAllow, notifyAllow, rateLimits);
    }

    public ServerConfig withPostgres(String url, String user, String password) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, "postgres", url, user, password, adminToken, maxBodyBytes, notificationRetries, bridge, pipeline, contextAllow, notifyAllow, rateLimits);
    }

    public ServerConfig withBridge(Bridge newBridge) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, adminToken, maxBodyBytes, notificationRetries, newBridge, pipeline, contextAllow, notifyAllow, rateLimits);
    }

    public ServerConfig withRetries(List<Duration> retries) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, adminToken, maxBodyBytes, retries, bridge, pipeline, contextAllow, notifyAllow, rateLimits);
    }

    public ServerConfig withPipeline(Pipeline.Settings settings) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, adminToken, maxBodyBytes, notificationRetries, bridge, settings, contextAllow, notifyAllow, rateLimits);
    }

    public ServerConfig withMaxBody(long bytes) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, adminToken, bytes, notificationRetries, bridge, pipeline, contextAllow, notifyAllow, rateLimits);
    }

    public ServerConfig withContextAllow(List<String> hostsAndRanges) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, adminToken, maxBodyBytes, notificationRetries, bridge, pipeline,
                List.copyOf(hostsAndRanges), notifyAllow, rateLimits);
    }

    public ServerConfig withNotifyAllow(List<String> hostsAndRanges) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, adminToken, maxBodyBytes, notificationRetries, bridge, pipeline,
                contextAllow, List.copyOf(hostsAndRanges), rateLimits);
    }

    public ServerConfig withRateLimits(RateLimits limits) {
        return new ServerConfig(host, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, adminToken, maxBodyBytes, notificationRetries, bridge, pipeline,
                contextAllow, notifyAllow, limits);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, httpPort, mqttPort, dataDir, store, dbUrl, dbUser, dbPassword, adminToken, maxBodyBytes, notificationRetries, bridge, pipeline, contextAllow, notifyAllow, rateLimits);
    }
}
