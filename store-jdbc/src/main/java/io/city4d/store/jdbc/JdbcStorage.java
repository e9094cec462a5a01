package io.city4d.store.jdbc;

import io.city4d.core.port.DocumentStore;
import io.city4d.core.port.EntityStore;
import io.city4d.core.port.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage on a SQL database whose schema the adapter has migrated: the entity store and the document store share
 * its connections and its single group-commit writer.
 */
public class JdbcStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final JdbcConnections connections;
    private final GroupCommitWriter writer;
    private final HistoryRollups rollups;
    private final JdbcEntityStore entities;
    private final JdbcDocumentStore documents;

    protected JdbcStorage(SqlDialect dialect, JdbcConnections connections) {
        this.connections = connections;
        ReadConnections readers = new ReadConnections(connections.readers());
        this.writer = new GroupCommitWriter(connections.writer(), connections.description(), dialect::refusesData);
        this.rollups = new HistoryRollups(connections.writer(), readers, dialect);
        this.entities = new JdbcEntityStore(readers, writer, rollups, dialect, connections.description());
        this.documents = new JdbcDocumentStore(readers, writer);
        // SQLite's refresh is cheap and drops statistics that call a table empty before the first query plans from them;
        // PostgreSQL's samples the tables, and runs in the background soon after opening (see StatisticsRefresh)
        if (dialect.refreshesStatisticsInWriter()) entities.refreshStatistics();
        rollups.start();
    }

    @Override
    public EntityStore entities() {
        return entities;
    }

    @Override
    public DocumentStore documents() {
        return documents;
    }

    /** The rollups that answer temporal aggregation, folded from history in the background. */
    public HistoryRollups rollups() {
        return rollups;
    }

    @Override
    public String describe() {
        return connections.description();
    }

    @Override
    public void close() {
        rollups.close();
        writer.close();
        entities.close();
        try {
            connections.resources().close();
        } catch (Exception e) {
            LOG.warn("closing {} failed", connections.description(), e);
        }
    }
}
