package io.city4d.core.pipeline;

import io.city4d.core.model.Entity;
import io.city4d.core.port.Change;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One partition: a bounded queue and the single thread that writes its entities. */
final class Partition implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);

    final BlockingQueue<Pipeline.Task> queue;
    private final int index;
    private final int maxBatch;
    private final Pipeline pipeline;
    private final EntityCache cache;
    private final Thread thread;
    private volatile boolean running = true;

    Partition(int index, Pipeline.Settings settings, Pipeline pipeline) {
        this.index = index;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.maxBatch = settings.maxBatch();
        this.pipeline = pipeline;
        this.cache = new EntityCache(settings.cachedEntities());
        this.thread = Thread.ofPlatform().name("city4d-partition-" + index).daemon(true).unstarted(this);
    }

    void start() { thread.start(); }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pipeline.Task> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(t -> t.result().completeExceptionally(new ProblemException(ProblemType.OVERLOADED, "the server is shutting down")));
        // Only the partition's thread touches the cache; once it has ended, a stopped server gives the memory back
        // even while something else (see ServerLifecycleTest) still holds on to the pipeline.
        if (!thread.isAlive()) cache.clear();
    }

    @Override
    public void run() {
        List<Pipeline.Task> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pipeline.Task first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                process(batch);
            } catch (InterruptedException e) {
                if (!running) break;
            } catch (RuntimeException e) {
                LOG.error("partition {} failed a batch of {}", index, batch.size(), e);
                batch.forEach(t -> t.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Pipeline.Task> batch) {
        loadMissing(batch);
        Instant now = pipeline.now();
        List<Change> changes = new ArrayList<>(batch.size());
        Outcome[] outcomes = new Outcome[batch.size()];
        Map<String, Entity> touchedBefore = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Pipeline.Task task = batch.get(i);
            String key = key(task.tenant(), task.command().entityId());
            Entity current = cache.get(key);
            try {
                Outcome outcome = TwinOperations.apply(task.tenant(), task.command(), current, now);
                outcomes[i] = outcome;
                if (outcome.change() != null) {
                    touchedBefore.putIfAbsent(key, current);
                    changes.add(outcome.change());
                    cache.put(key, outcome.change().after());
                }
            } catch (ProblemException e) {
                task.result().completeExceptionally(e);
            }
        }
        try {
            if (!changes.isEmpty()) pipeline.store().commit(changes);
        } catch (RuntimeException e) {
            touchedBefore.forEach(cache::put);
            LOG.error("commit of {} changes failed", changes.size(), e);
            ProblemException failure = new ProblemException(ProblemType.INTERNAL_ERROR, "the store could not commit the write");
            for (int i = 0; i < batch.size(); i++) if (outcomes[i] != null) batch.get(i).result().completeExceptionally(failure);
            return;
        }
        // Counted before the callers hear of it: completing a future runs their callbacks (a PUBACK, a 2xx) on this thread.
        pipeline.countCommitted(changes.size());
        for (int i = 0; i < batch.size(); i++) if (outcomes[i] != null) batch.get(i).result().complete(outcomes[i]);
        if (!changes.isEmpty()) pipeline.committed(changes);
    }

    /** Reads the current state of entities not in the cache, one store call per tenant. */
    private void loadMissing(List<Pipeline.Task> batch) {
        Map<String, Set<String>> missingByTenant = new HashMap<>();
        for (Pipeline.Task task : batch) {
            String id = task.command().entityId();
            if (!cache.contains(key(task.tenant(), id))) missingByTenant.computeIfAbsent(task.tenant(), t -> new HashSet<>()).add(id);
        }
        missingByTenant.forEach((tenant, ids) -> {
            Map<String, Entity> found = pipeline.store().findAll(tenant, ids);
            for (String id : ids) cache.put(key(tenant, id), found.get(id));
        });
    }

    private static String key(String tenant, String id) {
        return tenant + '\u0000' + id;
    }

    /** A least-recently-used map; a null value records that the entity does not exist. */
    private static final class EntityCache extends LinkedHashMap<String, Entity> {
        private final int capacity;

        EntityCache(int capacity) {
            super(1024, 0.75f, true);
            this.capacity = capacity;
        }

        boolean contains(String key) { return containsKey(key); }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entity> eldest) {
            return size() > capacity;
        }
    }
}
