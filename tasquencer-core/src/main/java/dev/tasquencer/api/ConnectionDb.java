package dev.tasquencer.api;

import dev.tasquencer.api.error.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link Db#of(Connection)}: a statement per use, closed after it; the transaction is the caller's.
 *
 * <p>Its binding, batch and row loops look like those of {@code internal.store.SqlDb}, the {@code
 * Db} of an engine call, on purpose: they are a few lines each, and a helper both could use would
 * have to be public API (the public packages may not reach into the internal ones), while what
 * differs (cached statements, nested queries, remembering the first failure) is the point of that
 * class. The rules they share have one home each: binding in {@link Db#bindAll}, the error in
 * {@link DataAccessException#ofStatement}.
 */
final class ConnectionDb implements Db {
  private final Connection connection;

  ConnectionDb(Connection connection) {
    this.connection = connection;
  }

  @Override
  public int update(String sql, @Nullable Object... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Db.bindAll(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw DataAccessException.ofStatement(sql, e);
    }
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (Object[] row : rows) {
        Db.bindAll(ps, row);
        ps.addBatch();
      }
      return ps.executeBatch();
    } catch (SQLException e) {
      throw DataAccessException.ofStatement(sql, e);
    }
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, @Nullable Object... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Db.bindAll(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw DataAccessException.ofStatement(sql, e);
    }
  }

  @Override
  public Connection connection() {
    return connection;
  }
}
