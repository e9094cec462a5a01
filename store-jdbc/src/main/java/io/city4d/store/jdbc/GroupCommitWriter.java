package io.city4d.store.jdbc;

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
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a store. Callers on many threads hand it tasks and wait; its thread runs every task waiting at
 * that moment in one transaction, so that they share one commit (and one fsync). If any task or the commit fails,
 * the transaction rolls back and every caller of the group gets the failure: nothing of the group is written.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int QUEUE_CAPACITY = 1024;
    private static final int MAX_GROUP = 128;

    private record Pending(WriteTask<?> task, CompletableFuture<Object> result) {}

    private final DataSource connections;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    /** Held shared while enqueuing and exclusively to close, so nothing is enqueued after the last drain. */
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread thread;
    private volatile boolean open = true;

    GroupCommitWriter(DataSource connections, String name) {
        this.connections = connections;
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

    private void commit(List<Pending> group) {
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
            LOG.warn("a group commit of {} writes failed and was rolled back", group.size(), e);
            RuntimeException failure = e instanceof RuntimeException r ? r : new StoreException("the write failed: " + e.getMessage(), e);
            group.forEach(p -> p.result.completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < group.size(); i++) group.get(i).result.complete(results.get(i));
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
