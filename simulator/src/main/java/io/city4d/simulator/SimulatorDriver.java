package io.city4d.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Drives a running City4D server with simulated device readings, at a steady rate, over HTTP and MQTT, until its
 * count or time bound is reached. When the server pushes back (429/503 with Retry-After, or MQTT quota exceeded),
 * all sending pauses for the time asked and the refused reading is sent again.
 */
public final class SimulatorDriver {
    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static final int MAX_ATTEMPTS = 5;
    private static final long MAX_CATCH_UP_NANOS = 1_000_000_000;

    private final DriverSettings settings;
    private final SensorModel model;
    private final List<DeviceSpec> senders;
    private final Set<String> mqttSenders = new HashSet<>();
    private final AtomicLong pausedUntilNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopped;

    /** Simulates those of {@code devices} that have a key in the settings. */
    public SimulatorDriver(DriverSettings settings, List<DeviceSpec> devices, SensorModel model) {
        this.settings = settings;
        this.model = model;
        this.senders = devices.stream().filter(d -> settings.deviceKeys().containsKey(d.deviceId())).toList();
        if (senders.isEmpty()) throw new IllegalArgumentException("none of the devices has a key");
        // spread the MQTT devices evenly through the list, so that each kind of device uses both transports
        for (int i = 0; i < senders.size() && mqttSenders.size() < settings.maxMqttConnections(); i++) {
            if (Math.floor((i + 1) * settings.mqttShare()) > Math.floor(i * settings.mqttShare())) mqttSenders.add(senders.get(i).deviceId());
        }
    }

    /** The devices that publish over MQTT; the others post over HTTP. */
    public Set<String> mqttDevices() {
        return Set.copyOf(mqttSenders);
    }

    /**
     * Sends until a bound is reached or {@link #stop()} is called, then waits for the readings in flight. Reports
     * progress about once a second and once at the end. A driver runs once.
     */
    public DriverProgress run(Consumer<DriverProgress> onProgress) throws InterruptedException {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("this driver has already run");
        DriverStats stats = new DriverStats();
        Semaphore inFlight = new Semaphore(settings.maxInFlight());
        Thread reporter = Thread.ofVirtual().name("simulator-progress").start(() -> report(stats, onProgress));
        try (HttpDeviceTransport http = new HttpDeviceTransport(settings.httpBase());
             MqttDeviceTransport mqtt = new MqttDeviceTransport(settings.mqttHost(), settings.mqttPort());
             ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            send(stats, inFlight, sending, http, mqtt);
            if (stopped) sending.shutdownNow();
            if (!inFlight.tryAcquire(settings.maxInFlight(), DRAIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) sending.shutdownNow();
        } finally {
            reporter.interrupt();
            reporter.join();
        }
        DriverProgress last = stats.snapshot();
        onProgress.accept(last);
        return last;
    }

    /** Stops sending, from any thread; readings waiting to be sent again are given up. */
    public void stop() {
        stopped = true;
    }

    private void send(DriverStats stats, Semaphore inFlight, ExecutorService sending, DeviceTransport http, DeviceTransport mqtt)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + settings.maxDuration().toNanos();
        double interval = 1e9 / settings.readingsPerSecond();
        double next = start;
        for (long i = 0; i < settings.maxReadings() && !stopped; i++) {
            next = Math.max(next, pausedUntilNanos.get());
            if (!sleepUntil((long) next, deadline)) return;
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return;
            DeviceSpec device = senders.get((int) (i % senders.size()));
            byte[] payload = model.reading(device, settings.clock().instant()).toString().getBytes(StandardCharsets.UTF_8);
            DeviceTransport transport = mqttSenders.contains(device.deviceId()) ? mqtt : http;
            stats.sent();
            sending.execute(() -> {
                try {
                    deliver(stats, transport, device.deviceId(), payload);
                } finally {
                    inFlight.release();
                }
            });
            next += interval;
            // after a stall, carry on at the rate rather than firing the whole backlog at once
            next = Math.max(next, System.nanoTime() - MAX_CATCH_UP_NANOS);
        }
    }

    private void deliver(DriverStats stats, DeviceTransport transport, String deviceId, byte[] payload) {
        String key = settings.deviceKeys().get(deviceId);
        try {
            for (int attempt = 1; ; attempt++) {
                switch (transport.deliver(deviceId, key, payload)) {
                    case DeviceTransport.Acknowledged ignored -> {
                        stats.acknowledged();
                        return;
                    }
                    case DeviceTransport.Failed failed -> {
                        stats.failed(failed.reason());
                        return;
                    }
                    case DeviceTransport.RetryLater retry -> {
                        stats.backoff();
                        if (attempt == MAX_ATTEMPTS || stopped) {
                            stats.failed(retry.reason() + " (gave up after " + attempt + " attempts)");
                            return;
                        }
                        long wait = retry.delay().toNanos();
                        pausedUntilNanos.accumulateAndGet(System.nanoTime() + wait, Math::max);
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
        } catch (InterruptedException e) {
            stats.failed("stopped before " + deviceId + "'s reading was acknowledged");
        } catch (RuntimeException e) {
            stats.failed(deviceId + ": " + e);
        }
    }

    /** Sleeps until {@code nanos}; false when that is past the deadline or the driver was stopped. */
    private boolean sleepUntil(long nanos, long deadline) throws InterruptedException {
        if (nanos >= deadline) return false;
        long wait;
        while (!stopped && (wait = nanos - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000));
        return !stopped && System.nanoTime() < deadline;
    }

    private static void report(DriverStats stats, Consumer<DriverProgress> onProgress) {
        try {
            while (true) {
                Thread.sleep(REPORT_EVERY);
                onProgress.accept(stats.snapshot());
            }
        } catch (InterruptedException e) {
            // the run is over; it reports its final progress itself
        }
    }
}
