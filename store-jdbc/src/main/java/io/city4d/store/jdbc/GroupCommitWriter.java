package io.city4d.store.jdbc;

import io.city4d.core.port.UnstorableChangeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a store. Callers on many threads hand it tasks and wait; its thread runs every task waiting at
 * that moment in one transaction, so that they share one commit (and one fsync). If any task or the commit fails,
 * the transaction rolls back and nothing of the group is written; when the data of a task was at fault, the others
 * are committed without it.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int QUEUE_CAPACITY = 1024;
    private static final int MAX_GROUP = 128;

    private record Pending(WriteTask<?> task, CompletableFuture<Object> result) {}

    private final DataSource connections;
    private final Predicate<SQLException> refusesData;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** Held shared while enqueuing and exclusively to close, so nothing is enqueued after the last drain. */
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread thread;
    private volatile boolean open = true;

    GroupCommitWriter(DataSource connections, String name, Predicate<SQLException> refusesData) {
        this.connections = connections;
        this.refusesData = refusesData;
        this.thread = Thread.ofPlatform().name("city4d-store-writer-" + name).daemon(true).start(this::run);
    }

    /** Runs the task in the next group commit and returns its result once that group is durable. */
    @SuppressWarnings("unchecked")
    <T> T execute(WriteTask<T> task) {
        Pending pending = new Pending(task, new CompletableFuture<>());
        closing.readLock().lock();
        try {
            if (!open) throw new StoreException("the store is closed");
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to write", e);
        } finally {
            closing.readLock().unlock();
        }
        try {
            return (T) pending.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the commit; the write may or may not be durable", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new StoreException("the write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                // close() stops the loop through 'open'; the queue is drained before the thread ends
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Commits the group, or fails it. When one task's data broke the transaction (see {@link SqlDialect#refusesData}),
     * each half of the group is committed on its own, down to that task, which alone fails: a write never fails
     * because another caller's write shared its commit.
     */
    private void commit(List<Pending> group) {
        Exception error = attempt(group);
        if (error == null) return;
        SQLException refused = refusedData(error);
        boolean unstorable = refused != null || error instanceof UnstorableChangeException;
        if (unstorable && group.size() > 1) {
            int half = group.size() / 2;
            commit(group.subList(0, half));
            commit(group.subList(half, group.size()));
            return;
        }
        RuntimeException failure;
        if (unstorable) {
            LOG.warn("the database refused the data of a write, which fails alone: {}", refused != null ? refused.getMessage() : error.getMessage());
            failure = error instanceof UnstorableChangeException u ? u : new UnstorableChangeException("the database refused its data");
        } else {
            LOG.warn("a group commit of {} writes failed and was rolled back", group.size(), error);
            failure = error instanceof RuntimeException r ? r : new StoreException("the write failed: " + error.getMessage(), error);
        }
        group.forEach(p -> p.result.completeExceptionally(failure));
    }

    /** Runs the group's tasks in one transaction; null when it committed and the callers have their results, else why not. */
    private Exception attempt(List<Pending> group) {
        List<Object> results = new ArrayList<>(group.size());
        try (Connection connection = connections.getConnection()) {
            connection.setAutoCommit(false);
            try (WriteTransaction transaction = new WriteTransaction(connection)) {
                try {
                    for (Pending pending : group) results.add(pending.task.apply(transaction));
                    transaction.commit();
                } catch (SQLException | RuntimeException e) {
                    rollback(transaction);
                    throw e;
                }
            }
        } catch (SQLException | RuntimeException e) {
            return e;
        }
        for (int i = 0; i < group.size(); i++) group.get(i).result.complete(results.get(i));
        return null;
    }

    /** The exception, among the causes and the driver's chained exceptions, by which the database refused the data; or null. */
    private SQLException refusedData(Throwable error) {
        int depth = 0;
        for (Throwable cause = error; cause != null && depth < 8; cause = cause.getCause(), depth++) {
            if (!(cause instanceof SQLException sql)) continue;
            for (SQLException next = sql; next != null && depth < 8; next = next.getNextException(), depth++) {
                if (refusesData.test(next)) return next;
            }
        }
        return null;
    }

    private static void rollback(WriteTransaction transaction) {
        try {
            transaction.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed", e);
        }
    }

    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            open = false;
        } finally {
            closing.writeLock().unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
