package io.city4d.protocol.mqtt;

import io.city4d.core.device.DeviceTelemetry;
import io.city4d.core.pipeline.Outcome;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import io.city4d.core.security.Principal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readings of one connection on their way to the pipeline. A QoS 1 reading is acknowledged only once it is
 * durable; acknowledgements are gathered and flushed once per batch of completions. When the pipeline is full the
 * connection stops reading and retries the waiting readings shortly, in order; it also stops reading while too
 * many readings are unacknowledged or the client does not take its acknowledgements. All methods but
 * {@link #completed} run on the connection's event loop.
 */
final class PublishFlow {
    private static final Logger LOG = LoggerFactory.getLogger(PublishFlow.class);
    private static final int PUBACK_BYTES = 4;
    private static final int MAX_REASON_STRING = 256;

    private final ChannelHandlerContext ctx;
    private final MqttSession session;
    private final DeviceTelemetry telemetry;
    private final EndpointCounters counters;
    private final Principal principal;
    private final String defaultTenant;
    private final int maxInFlight;
    private final long retryDelayNanos;
    private final Queue<Reading> completed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drainCompleted;
    private final Runnable retry = this::retryDeferred;
    private final ArrayDeque<Reading> deferred = new ArrayDeque<>();
    private int inFlight;
    private boolean retryScheduled;
    private boolean refusalLogged;
    private String lastTopicName;
    private DeviceTopic lastTopic;

    PublishFlow(ChannelHandlerContext ctx, MqttSession session, SessionContext context, Principal principal, String defaultTenant) {
        this.ctx = ctx;
        this.session = session;
        this.telemetry = context.telemetry();
        this.counters = context.counters();
        this.principal = principal;
        this.defaultTenant = defaultTenant;
        this.maxInFlight = context.settings().maxInFlight();
        this.retryDelayNanos = context.settings().overloadRetryDelay().toNanos();
    }

    /** Takes a PUBLISH; the caller releases the message. */
    void received(MqttPublishMessage message) {
        counters.received.increment();
        MqttPublishVariableHeader header = message.variableHeader();
        boolean qos1 = message.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE;
        DeviceTopic topic;
        try {
            topic = readingTopic(header.topicName());
        } catch (ProblemException e) {
            refuse(qos1, header.packetId(), null, e);
            return;
        }
        Reading reading = new Reading(topic, header.packetId(), qos1, ByteBufUtil.getBytes(message.payload()), this);
        if (!deferred.isEmpty() || !submit(reading)) defer(reading);
        updateReading();
    }

    /** Called by the pipeline's writer thread when a QoS 1 reading's write ended. */
    void completed(Reading reading) {
        completed.offer(reading);
        if (drainScheduled.compareAndSet(false, true)) ctx.executor().execute(drain);
    }

    /** Whether the connection is reading; a paused connection is quiet because of the server, not the client. */
    boolean reading() {
        return ctx.channel().config().isAutoRead();
    }

    void updateReading() {
        boolean read = deferred.isEmpty() && inFlight < maxInFlight && ctx.channel().isWritable();
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead() != read) config.setAutoRead(read);
    }

    private DeviceTopic readingTopic(String name) {
        // A device publishes to the same topic again and again.
        if (name.equals(lastTopicName)) return lastTopic;
        DeviceTopic topic = DeviceTopic.parse(name, defaultTenant);
        if (topic.channel() != DeviceTopic.Channel.ATTRS) throw ProblemException.invalid("readings are published to devices/{id}/attrs, not to " + name);
        lastTopicName = name;
        lastTopic = topic;
        return topic;
    }

    /** Hands a reading to the pipeline; false when the pipeline is full and the reading must wait. */
    private boolean submit(Reading reading) {
        CompletableFuture<Outcome> written;
        try {
            written = telemetry.ingest(principal, reading.topic.tenant(), reading.topic.deviceId(), reading.payload);
        } catch (ProblemException e) {
            if (e.type() == ProblemType.OVERLOADED) return false;
            refuse(reading.qos1, reading.packetId, reading.topic, e);
            return true;
        }
        if (reading.qos1) {
            inFlight++;
            written.whenComplete(reading);
        }
        return true;
    }

    private void defer(Reading reading) {
        deferred.add(reading);
        counters.deferred.increment();
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (retryScheduled) return;
        retryScheduled = true;
        ctx.executor().schedule(retry, retryDelayNanos, TimeUnit.NANOSECONDS);
    }

    private void retryDeferred() {
        retryScheduled = false;
        if (!ctx.channel().isActive()) {
            deferred.clear();
            return;
        }
        Reading next;
        while ((next = deferred.peek()) != null && submit(next)) deferred.poll();
        if (next != null) scheduleRetry();
        ctx.flush();
        updateReading();
    }

    private void drainCompleted() {
        drainScheduled.set(false);
        boolean active = ctx.channel().isActive();
        ByteBuf acks = null;
        int acked = 0;
        for (Reading r; (r = completed.poll()) != null; ) {
            inFlight--;
            if (!active) continue;
            if (r.failure == null) {
                if (acks == null) acks = ctx.alloc().ioBuffer(PUBACK_BYTES * Math.max(16, completed.size() + 1));
                writePubAck(acks, r.packetId);
                acked++;
            } else {
                if (acks != null) ctx.write(acks);
                acks = null;
                failed(r);
            }
        }
        if (acks != null) ctx.write(acks);
        counters.acked.add(acked);
        if (active) {
            ctx.flush();
            updateReading();
        }
    }

    private void failed(Reading reading) {
        Throwable cause = reading.failure instanceof CompletionException ? reading.failure.getCause() : reading.failure;
        if (cause instanceof ProblemException p && !ProblemMessages.isTransient(p.type())) {
            refuse(true, reading.packetId, reading.topic, p);
            return;
        }
        // Not written, and not the client's fault: no PUBACK, so the client sends it again when it reconnects.
        LOG.warn("a reading of device {} could not be written; closing the connection so that the client resends it", reading.topic.deviceId(), cause);
        session.abort();
    }

    /** Refuses a reading: MQTT 5 says why in the PUBACK, MQTT 3.1.1 can only acknowledge it; both report to the errors topic. */
    private void refuse(boolean qos1, int packetId, DeviceTopic topic, ProblemException problem) {
        counters.rejected.increment();
        if (qos1) {
            if (session.mqtt5()) {
                ctx.write(MqttMessageBuilders.pubAck().packetId(packetId).reasonCode(PubAckCodes.of(problem.type()))
                        .properties(reasonString(problem)).build());
            } else {
                ByteBuf ack = ctx.alloc().ioBuffer(PUBACK_BYTES);
                writePubAck(ack, packetId);
                ctx.write(ack);
            }
        }
        if (!session.mqtt5() && !refusalLogged) {
            // MQTT 3.1.1 cannot say why a reading was dropped: the log and the errors topic do, once per connection in the log
            refusalLogged = true;
            LOG.info("dropped a reading from {} over MQTT 3.1.1 (later ones of this connection are counted, not logged): {}",
                    ctx.channel().remoteAddress(), problem.detail());
        }
        session.reportProblem(topic, problem);
    }

    private MqttProperties reasonString(ProblemException problem) {
        MqttProperties properties = new MqttProperties();
        if (session.wantsProblemInformation()) {
            String detail = problem.detail();
            if (detail.length() > MAX_REASON_STRING) detail = detail.substring(0, MAX_REASON_STRING);
            properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, detail));
        }
        return properties;
    }

    /** A success PUBACK, the same four bytes in MQTT 3.1.1 and 5 (which may leave out reason code 0 and properties). */
    private static void writePubAck(ByteBuf out, int packetId) {
        out.writeByte(0x40).writeByte(2).writeShort(packetId);
    }
}
