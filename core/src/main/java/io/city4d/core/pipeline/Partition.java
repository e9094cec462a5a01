package io.city4d.core.pipeline;

import io.city4d.core.model.Entity;
import io.city4d.core.port.Change;
import io.city4d.core.port.UnstorableChangeException;
import io.city4d.core.problem.ProblemException;
import io.city4d.core.problem.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
                ProblemException failure = new ProblemException(ProblemType.OVERLOADED, "the store could not read the entities written; retry shortly");
                batch.forEach(t -> t.result().completeExceptionally(failure));
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<Pipeline.Task> batch) {
        Map<String, Entity> states = currentStates(batch);
        Set<String> refused = new HashSet<>();
        commit(batch, states, pipeline.now(), refused);
        states.forEach(cache::put);
        // the store knows better than the state a refused change started from: it is read again next time
        refused.forEach(cache::remove);
    }

    /**
     * The state of every entity the batch names (null for those that do not exist), in a map of the batch's own:
     * loading the entities the cache lacks may evict others from it, which the batch must still see as they are.
     */
    private Map<String, Entity> currentStates(List<Pipeline.Task> batch) {
        Map<String, Entity> states = new HashMap<>();
        Map<String, Set<String>> missingByTenant = new HashMap<>();
        for (Pipeline.Task task : batch) {
            String key = EntityCache.key(task.tenant(), task.command().entityId());
            if (states.containsKey(key)) continue;
            if (cache.contains(key)) states.put(key, cache.get(key));
            else missingByTenant.computeIfAbsent(task.tenant(), t -> new HashSet<>()).add(task.command().entityId());
        }
        missingByTenant.forEach((tenant, ids) -> {
            Map<String, Entity> found = pipeline.store().findAll(tenant, ids);
            for (String id : ids) states.put(EntityCache.key(tenant, id), found.get(id));
        });
        return states;
    }

    /**
     * Applies the tasks in order to the states and commits what they changed, then completes them. When the store
     * cannot hold one of the changes, each half of the tasks is committed on its own, down to the task whose change it
     * refuses: one sender's bad write fails no one else's. The states then hold what was committed.
     */
    private void commit(List<Pipeline.Task> tasks, Map<String, Entity> states, Instant now, Set<String> refused) {
        Applied applied = Applied.of(tasks, states, now);
        try {
            if (!applied.changes.isEmpty()) pipeline.store().commit(applied.changes);
        } catch (UnstorableChangeException e) {
            if (tasks.size() == 1) {
                Pipeline.Task task = tasks.get(0);
                LOG.warn("the store refused a change to {} and it was left out of its commit: {}", task.command().entityId(), e.detail());
                refused.add(EntityCache.key(task.tenant(), task.command().entityId()));
                task.result().completeExceptionally(e);
                return;
            }
            int half = tasks.size() / 2;
            commit(tasks.subList(0, half), states, now, refused);
            commit(tasks.subList(half, tasks.size()), states, now, refused);
            return;
        } catch (RuntimeException e) {
            LOG.error("commit of {} changes failed", applied.changes.size(), e);
            ProblemException failure = new ProblemException(ProblemType.OVERLOADED, "the store could not commit the write; retry shortly");
            tasks.forEach(t -> t.result().completeExceptionally(failure));
            return;
        }
        states.putAll(applied.after);
        pipeline.count(applied.changes);
        for (int i = 0; i < tasks.size(); i++) {
            if (applied.results[i] instanceof Outcome outcome) tasks.get(i).result().complete(outcome);
            else tasks.get(i).result().completeExceptionally((ProblemException) applied.results[i]);
        }
        if (!applied.changes.isEmpty()) pipeline.tellListeners(applied.changes);
    }

    /** What the tasks did to the states: an Outcome or a ProblemException each, the changes, and the states after. */
    private record Applied(Object[] results, List<Change> changes, Map<String, Entity> after) {
        static Applied of(List<Pipeline.Task> tasks, Map<String, Entity> states, Instant now) {
            Object[] results = new Object[tasks.size()];
            List<Change> changes = new ArrayList<>(tasks.size());
            Map<String, Entity> after = new HashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                Pipeline.Task task = tasks.get(i);
                String key = EntityCache.key(task.tenant(), task.command().entityId());
                Entity current = after.containsKey(key) ? after.get(key) : states.get(key);
                try {
                    Outcome outcome = TwinOperations.apply(task.tenant(), task.command(), current, now);
                    results[i] = outcome;
                    if (outcome.change() != null) {
                        changes.add(outcome.change());
                        after.put(key, outcome.change().after());
                    }
                } catch (ProblemException e) {
                    results[i] = e;
                } catch (RuntimeException e) {
                    LOG.error("applying a command to {} failed", task.command().entityId(), e);
                    results[i] = new ProblemException(ProblemType.INTERNAL_ERROR, "the write could not be applied; it has been logged");
                }
            }
            return new Applied(results, changes, after);
        }
    }
}
