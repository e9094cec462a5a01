package io.city4d.protocol.mqtt;

import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.device.PayloadMapper;
import io.city4d.core.security.Authenticator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in MQTT 3.1.1 and 5 endpoint for devices (QoS 0 and 1). Devices connect with their API key as password
 * and publish JSON readings to {@code devices/{deviceId}/attrs} or {@code t/{tenant}/devices/{deviceId}/attrs};
 * a QoS 1 reading is acknowledged once it is durable. See docs/mqtt.md.
 */
public final class MqttEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttEndpoint.class);
    private static final int MAX_CLIENT_ID_LENGTH = 256;

    private final Settings settings;
    private final EndpointCounters counters = new EndpointCounters();
    private final CommandSubscribers commands = new CommandSubscribers();
    /** TCP connections open now, authenticated or not. */
    private final AtomicInteger connections = new AtomicInteger();
    private final SessionContext context;
    private EventLoopGroup group;
    private Channel serverChannel;

    /**
     * Where to listen and the limits of each connection.
     *
     * @param host               address to bind, such as "0.0.0.0"
     * @param port               port to bind; 0 picks a free port
     * @param maxPacketBytes     largest packet accepted; larger ones close the connection
     * @param maxInFlight        unacknowledged QoS 1 readings per connection before it stops reading
     * @param overloadRetryDelay how long a connection waits before retrying readings the full pipeline refused
     * @param connectTimeout     how long a new connection may take to send CONNECT
     * @param ioThreads          event-loop threads
     */
    public record Settings(String host, int port, int maxPacketBytes, int maxInFlight, Duration overloadRetryDelay,
                           Duration connectTimeout, int ioThreads, int maxConnections) {

        public Settings {
            if (maxPacketBytes < 128 || maxInFlight < 1 || ioThreads < 1 || maxConnections < 1) throw new IllegalArgumentException("MQTT endpoint limits are too small");
        }

        /** Port 1883 on every interface; packets of up to a full device payload plus its topic. */
        public static Settings defaults() {
            return new Settings("0.0.0.0", 1883, PayloadMapper.MAX_PAYLOAD_BYTES + 1_024, 1_000, Duration.ofMillis(10),
                    Duration.ofSeconds(10), Math.max(1, Runtime.getRuntime().availableProcessors()), 10_000);
        }

        public Settings withAddress(String newHost, int newPort) {
            return new Settings(newHost, newPort, maxPacketBytes, maxInFlight, overloadRetryDelay, connectTimeout, ioThreads, maxConnections);
        }

        /** At most this many connections at once; more are closed as they come, so that they cannot use up the process's files. */
        public Settings withMaxConnections(int connections) {
            return new Settings(host, port, maxPacketBytes, maxInFlight, overloadRetryDelay, connectTimeout, ioThreads, connections);
        }
    }

    public MqttEndpoint(Settings settings, Authenticator authenticator, DeviceTelemetry telemetry) {
        this.settings = settings;
        this.context = new SessionContext(settings, authenticator, telemetry, counters, commands, new ConcurrentHashMap<>());
    }

    /** Binds and starts serving; returns the bound port. */
    public synchronized int start() {
        if (serverChannel != null) throw new IllegalStateException("the MQTT endpoint is already started");
        group = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("city4d-mqtt", true), NioIoHandler.newFactory());
        try {
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (connections.incrementAndGet() > settings.maxConnections()) {
                                connections.decrementAndGet();
                                counters.refused.increment();
                                ch.close();
                                return;
                            }
                            ch.closeFuture().addListener(closed -> connections.decrementAndGet());
                            ch.pipeline()
                                    .addLast(MqttSession.IDLE_HANDLER, new IdleStateHandler(settings.connectTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                                    .addLast("decoder", new MqttDecoder(settings.maxPacketBytes(), MAX_CLIENT_ID_LENGTH))
                                    .addLast("encoder", MqttEncoder.INSTANCE)
                                    .addLast("session", new MqttSession(context));
                        }
                    })
                    .bind(settings.host(), settings.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("MQTT device endpoint listening on {}:{}", settings.host(), port);
        return port;
    }

    /** Stops accepting, closes every connection and stops the event loops. Readings not yet acknowledged are resent by clients. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) return;
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        serverChannel = null;
    }

    /**
     * Sends a command to the clients subscribed to {@code devices/{deviceId}/commands} of the tenant, at QoS 0.
     * Returns how many connections it went to.
     */
    public int sendCommand(String tenant, String deviceId, byte[] payload) {
        return commands.deliver(new DeviceTopic(tenant, deviceId, DeviceTopic.Channel.COMMANDS), payload);
    }

    /** Connections open now, authenticated. */
    public int openConnections() { return counters.open.get(); }

    /** Connections accepted since start. */
    public long acceptedConnections() { return counters.accepted.sum(); }

    /** Connections refused since start: bad or missing API keys, unsupported protocol versions, over the connection cap. */
    public long refusedConnections() { return counters.refused.sum(); }

    /** PUBLISH packets received. */
    public long messagesReceived() { return counters.received.sum(); }

    /** QoS 1 readings acknowledged after they became durable. */
    public long messagesAcked() { return counters.acked.sum(); }

    /** Readings refused: bad topic, bad payload, not authorized, unknown device. */
    public long messagesRejected() { return counters.rejected.sum(); }

    /** Readings that had to wait because the pipeline was full. */
    public long messagesDeferred() { return counters.deferred.sum(); }
}
