package io.city4d.core.pipeline;

import io.city4d.core.model.Entity;
import io.city4d.core.port.Change;
import io.city4d.core.port.EntityStore;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitioned single-writer pipeline. Commands are routed by tenant and entity id to one of N partitions; each
 * partition's writer drains its bounded queue in batches, applies the commands to the current state, commits the
 * batch durably to the store (group commit) and only then completes the callers' futures and tells listeners.
 * A full queue refuses new commands at once, so callers can push back on their clients.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final EntityStore store;
    private final Clock clock;
    private final Partition[] partitions;
    private final int queueCapacity;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong committedChanges = new AtomicLong();
    private final AtomicLong refusedCommands = new AtomicLong();

    public Pipeline(EntityStore store, Clock clock, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.partitions = new Partition[settings.partitions()];
        this.queueCapacity = settings.queueCapacity();
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new Partition(i, settings, this);
            partitions[i].start();
        }
    }

    /** Sizes of the pipeline: partitions, queue capacity per partition, largest batch, cached entities per partition. */
    public record Settings(int partitions, int queueCapacity, int maxBatch, int cachedEntities) {
        public static Settings defaults() {
            return new Settings(Math.max(2, Runtime.getRuntime().availableProcessors()), 20_000, 4_096, 50_000);
        }
    }

    public void addListener(ChangeListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ChangeListener listener) {
        listeners.remove(listener);
    }

    /**
     * Queues a command. The future completes once the change is durable, or exceptionally with a
     * {@link ProblemException}. Throws an OVERLOADED problem at once when the partition's queue is full.
     */
    public CompletableFuture<Outcome> submit(String tenant, Command command) {
        Task task = new Task(tenant, command, new CompletableFuture<>());
        if (!partitionOf(tenant, command.entityId()).queue.offer(task)) {
            refusedCommands.incrementAndGet();
            throw new ProblemException(ProblemType.OVERLOADED, "the ingest pipeline is full; retry shortly");
        }
        return task.result;
    }

    /** Queues several commands, refusing all of them when any partition cannot take its share. */
    public List<CompletableFuture<Outcome>> submitAll(String tenant, List<Command> commands) {
        List<CompletableFuture<Outcome>> results = new ArrayList<>(commands.size());
        for (Command command : commands) {
            try {
                results.add(submit(tenant, command));
            } catch (ProblemException e) {
                results.add(CompletableFuture.failedFuture(e));
            }
        }
        return results;
    }

    /** The partition a given entity belongs to; the same function later maps entities to Kafka partitions. */
    public int partitionIndex(String tenant, String entityId) {
        return Math.floorMod(31 * tenant.hashCode() + entityId.hashCode(), partitions.length);
    }

    private Partition partitionOf(String tenant, String entityId) {
        return partitions[partitionIndex(tenant, entityId)];
    }

    public long committedChanges() { return committedChanges.get(); }

    public long refusedCommands() { return refusedCommands.get(); }

    public int queuedCommands() {
        int n = 0;
        for (Partition p : partitions) n += p.queue.size();
        return n;
    }

    /**
     * How full the fullest partition's queue is, from 0 (empty) to 1 (full). A write spread over the partitions, such
     * as a batch, is refused in part once this reaches 1, so callers can refuse it whole before that.
     */
    public double queueFill() {
        int fullest = 0;
        for (Partition p : partitions) fullest = Math.max(fullest, p.queue.size());
        return (double) fullest / queueCapacity;
    }

    Instant now() { return clock.instant(); }

    EntityStore store() { return store; }

    /** Counts committed changes; before their senders are told, so that a sender who was told sees them counted. */
    void count(List<Change> changes) {
        committedChanges.addAndGet(changes.size());
    }

    void tellListeners(List<Change> changes) {
        for (ChangeListener listener : listeners) {
            try {
                listener.committed(changes);
            } catch (RuntimeException e) {
                LOG.error("change listener {} failed", listener, e);
            }
        }
    }

    @Override
    public void close() {
        for (Partition p : partitions) p.stop();
    }

    record Task(String tenant, Command command, CompletableFuture<Outcome> result) {}
}
