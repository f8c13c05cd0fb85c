package dev.tasquencer.internal.store;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.RowMapper;
import dev.tasquencer.api.error.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link Db} on the JDBC connection of one engine call. It remembers the first statement that
 * failed, so that the engine can roll the call back even when user code caught the error (on
 * PostgreSQL the transaction is unusable after a failed statement anyway; on H2 it is not, and the
 * call must not commit half of what its hooks meant to write).
 */
public final class SqlDb implements Db {
  private final Connection connection;
  private @Nullable DataAccessException firstFailure;
  private @Nullable Connection physical;
  private final java.util.Set<PreparedStatement> busy =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  public SqlDb(Connection connection) {
    this.connection = connection;
  }

  /**
   * A prepared statement for {@code sql}: the connection's cached one (statements of user code are
   * parsed once per connection too), or a fresh one when the cached one is still reading rows (a
   * query nested in a row mapper).
   */
  private PreparedStatement statement(String sql) throws SQLException {
    if (physical == null) {
      physical = StatementCache.physical(connection);
    }
    PreparedStatement ps = StatementCache.get(physical, sql);
    return busy.contains(ps) ? connection.prepareStatement(sql) : ps;
  }

  private void release(PreparedStatement ps, String sql) throws SQLException {
    Connection p = Objects.requireNonNull(physical, "set by statement(), which ps came from");
    if (StatementCache.get(p, sql) != ps) {

      ps.close(); // a fresh statement for a nested use
    }
  }

  @Override
  public int update(String sql, @Nullable Object... params) {
    try {
      PreparedStatement ps = statement(sql);
      try {
        Db.bindAll(ps, params);
        return ps.executeUpdate();
      } finally {
        release(ps, sql);
      }
    } catch (SQLException e) {
      throw fail(sql, e);
    }
  }

  @Override
  public int[] batch(String sql, List<Object[]> rows) {
    try {
      PreparedStatement ps = statement(sql);
      try {
        for (Object[] row : rows) {
          Db.bindAll(ps, row);
          ps.addBatch();
        }
        return rows.isEmpty() ? new int[0] : ps.executeBatch();
      } finally {
        release(ps, sql);
      }
    } catch (SQLException e) {
      throw fail(sql, e);
    }
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, @Nullable Object... params) {
    try {
      PreparedStatement ps = statement(sql);
      busy.add(ps);
      try {
        Db.bindAll(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          List<T> out = new ArrayList<>();
          while (rs.next()) {
            out.add(mapper.map(rs));
          }
          return out;
        }
      } finally {
        busy.remove(ps);
        release(ps, sql);
      }
    } catch (SQLException e) {
      throw fail(sql, e);
    }
  }

  @Override
  public Connection connection() {
    return connection;
  }

  /** The first statement through this handle that failed, if any. */
  public Optional<DataAccessException> firstFailure() {
    return Optional.ofNullable(firstFailure);
  }

  private DataAccessException fail(String sql, SQLException e) {
    DataAccessException f = SqlFailures.ofStatement(sql, e);
    if (firstFailure == null) {
      firstFailure = f;
      return f;
    }
    return new DataAccessException(
        f.getMessage() + "; an earlier statement of this call failed: " + firstFailure.getMessage(),
        e);
  }
}
