package io.city4d.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** The little JDBC plumbing the stores repeat: binding parameters and mapping rows. */
final class Jdbc {
    private Jdbc() {}

    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value == null) statement.setNull(i + 1, Types.NULL);
            else statement.setObject(i + 1, value);
        }
    }

    static <T> List<T> list(Connection connection, SqlFragment query, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            bind(statement, query.params());
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) result.add(mapper.map(rows));
                return result;
            }
        }
    }

    static long count(Connection connection, SqlFragment query) throws SQLException {
        return list(connection, query, row -> row.getLong(1)).get(0);
    }

    static int update(Connection connection, SqlFragment statement) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
            bind(prepared, statement.params());
            return prepared.executeUpdate();
        }
    }

    /** Runs statements without parameters or results, all in one call. */
    static void execute(Connection connection, List<String> statements) throws SQLException {
        if (statements.isEmpty()) return;
        try (Statement statement = connection.createStatement()) {
            statement.execute(String.join("; ", statements));
        }
    }

    /** A nullable double column as a Double. */
    static Double nullableDouble(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}
