package io.city4d.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds history into rollup cells of a minute, an hour and a day per series, in the background and in commit order,
 * so that the write path does no more than append history. Each fold transaction reads the history rows of one range
 * of the commit order above the watermark {@code history_fold.folded_to}, adds them to the cells and moves the
 * watermark, all in one commit: a crash neither counts a row twice nor loses one. Rows above the watermark (the
 * unfolded tail, late data included) are what queries add from raw history.
 *
 * <p>The fold starts by updating the watermark row, which serialises folders (of this and other processes) on it.
 */
public final class HistoryRollups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryRollups.class);
    /** How long the folder lets commits gather before it folds them. */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Cells held in memory before they are sent, which bounds a fold's memory however much history it takes. */
    private static final int CELLS_PER_BATCH = 10_000;

    private final DataSource writer;
    private final ReadConnections readers;
    private final HistoryOrder order;
    private final int snapshotIsolation;
    private final String minuteCells;
    private final AtomicLong folded = new AtomicLong();
    private final AtomicInteger pauses = new AtomicInteger();
    /** Held while this store folds, so that a pause can wait for a fold under way. */
    private final ReentrantLock folding = new ReentrantLock();
    private volatile boolean pending = true;
    private volatile boolean open = true;
    private final Thread folder;

    HistoryRollups(DataSource writer, ReadConnections readers, SqlDialect dialect) {
        this.writer = writer;
        this.readers = readers;
        this.order = dialect.historyOrder();
        this.snapshotIsolation = dialect.snapshotIsolation();
        this.minuteCells = "SELECT series_key, at - ((at %% %1$d) + %1$d) %% %1$d AS start_at, %2$s FROM history WHERE %3$s >= ? AND %3$s < ? GROUP BY series_key, start_at"
                .formatted(RollupPlan.MINUTE, RollupCell.AGGREGATES, order.column());
        this.folder = Thread.ofPlatform().name("city4d-rollup-folder").daemon(true).unstarted(this::run);
    }

    void start() {
        folder.start();
    }

    /** Tells the folder that history was committed. */
    void appended() {
        if (pending) return;
        pending = true;
        LockSupport.unpark(folder);
    }

    /** Rows of history not folded yet. */
    public long unfolded() {
        return readers.readSnapshot(snapshotIsolation, connection -> {
            long[] range = unfoldedRange(connection, order);
            return Jdbc.count(connection, SqlFragment.of("SELECT COUNT(*) FROM history WHERE " + order.column() + " >= ? AND " + order.column()
                    + " < ?", range[0], range[1]));
        });
    }

    /** The range of the commit order not folded yet: from the watermark to above the last row written. */
    static long[] unfoldedRange(Connection connection, HistoryOrder order) throws SQLException {
        return Jdbc.list(connection, SqlFragment.of("SELECT (SELECT folded_to FROM history_fold), (" + order.writtenBelow() + ")"),
                row -> new long[] {row.getLong(1), row.getLong(2)}).get(0);
    }

    /** Rows of history this store folded since it opened. */
    public long folded() {
        return folded.get();
    }

    /** Folds, on the caller's thread, all history committed before this call; for bulk loads, benchmarks and tests. */
    public void catchUp() {
        long target = readers.read(connection -> Jdbc.count(connection, SqlFragment.of(order.writtenBelow())));
        folding.lock();
        try {
            while (fold() < target) {
                if (!open) throw new StoreException("the store is closed");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // older transactions of other writers are still open
            }
        } finally {
            folding.unlock();
        }
    }

    /** Stops folding in the background until the returned handle is closed; queries read unfolded history from raw rows. */
    public AutoCloseable pause() {
        pauses.incrementAndGet();
        folding.lock(); // waits for a fold under way
        folding.unlock();
        return () -> {
            pauses.decrementAndGet();
            pending = true;
            LockSupport.unpark(folder);
        };
    }

    /** Folds chunks until the foldable history is folded, or the store closes; returns the watermark reached. */
    private long fold() {
        while (true) {
            long[] chunk = inTransaction(this::foldChunk);
            if (chunk[0] >= chunk[1] || !open) return chunk[0];
        }
    }

    /** One fold transaction; returns the watermark after it and the foldable horizon it saw. */
    private long[] foldChunk(Connection connection) throws SQLException {
        long from = Jdbc.count(connection, SqlFragment.of("UPDATE history_fold SET folded_to = folded_to RETURNING folded_to"));
        long horizon = Jdbc.count(connection, SqlFragment.of(order.foldableBelow()));
        long to = Math.min(horizon, from > Long.MAX_VALUE - order.chunk() ? Long.MAX_VALUE : from + order.chunk());
        if (to <= from) return new long[] {from, horizon};
        long rows = 0;
        try (PreparedStatement select = connection.prepareStatement(minuteCells); PreparedStatement upsert = connection.prepareStatement(RollupCell.UPSERT)) {
            select.setLong(1, from);
            select.setLong(2, to);
            select.setFetchSize(CELLS_PER_BATCH);
            Map<RollupCell.Key, RollupCell> cells = new LinkedHashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    RollupCell minute = RollupCell.read(row, RollupPlan.MINUTE);
                    rows += minute.instances();
                    for (long width : RollupPlan.WIDTHS) cells.merge(minute.within(width).key(), minute.within(width), RollupCell::plus);
                    if (cells.size() >= CELLS_PER_BATCH) upsert(upsert, cells); // the upsert adds, so a cell may be sent in parts
                }
            }
            upsert(upsert, cells);
        }
        Jdbc.update(connection, SqlFragment.of("UPDATE history_fold SET folded_to = ?", to));
        connection.commit();
        folded.addAndGet(rows);
        return new long[] {to, horizon};
    }

    private static void upsert(PreparedStatement upsert, Map<RollupCell.Key, RollupCell> cells) throws SQLException {
        for (RollupCell cell : cells.values()) {
            cell.bindUpsert(upsert);
            upsert.addBatch();
        }
        upsert.executeBatch();
        cells.clear();
    }

    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs the work in a transaction of the writer's connections; the work commits, and anything it leaves is rolled back. */
    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = writer.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.rollback();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("folding history into rollups failed: " + e.getMessage(), e);
        }
    }

    private void run() {
        while (open) {
            if (!pending || pauses.get() > 0) {
                LockSupport.park(this);
                continue;
            }
            LockSupport.parkNanos(this, GATHER_NANOS);
            if (!open) break;
            boolean failed = false;
            folding.lock();
            try {
                if (pauses.get() == 0) {
                    pending = false;
                    fold();
                }
            } catch (RuntimeException e) {
                LOG.warn("folding history into rollups failed; retrying in {} s", TimeUnit.NANOSECONDS.toSeconds(RETRY_NANOS), e);
                pending = true;
                failed = true;
            } finally {
                folding.unlock();
            }
            if (failed) LockSupport.parkNanos(this, RETRY_NANOS);
        }
    }

    /** Stops the folder after the fold it may be doing; what it has not folded stays in the unfolded tail. */
    @Override
    public void close() {
        open = false;
        LockSupport.unpark(folder);
        try {
            folder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
