package dev.tasquencer.api;

import dev.tasquencer.api.error.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Db#of(Connection)}: a statement per use, closed after it; the transaction is the caller's.
 */
final class ConnectionDb implements Db {
  private final Connection connection;

  ConnectionDb(Connection connection) {
    this.connection = connection;
  }

  @Override
  public int update(String sql, Object... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      Db.bindAll(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failed(sql, e);
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
      throw failed(sql, e);
    }
  }

  @Override
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
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
      throw failed(sql, e);
    }
  }

  @Override
  public Connection connection() {
    return connection;
  }

  /** The same message as inside engine calls: the driver's message and the statement. */
  private static DataAccessException failed(String sql, SQLException e) {
    return new DataAccessException("SQL failed: " + e.getMessage() + " [" + sql + "]", e);
  }
}
