package dev.tasquencer.examples.support;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.RowMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Db} on a plain JDBC connection, so that domain code reads the same in and out of calls.
 */
final class JdbcDb implements Db {
  private final Connection connection;

  JdbcDb(Connection connection) {
    this.connection = connection;
  }

  @Override
  public int update(String sql, Object... params) {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bindAll(ps, params);
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
        bindAll(ps, row);
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
      bindAll(ps, params);
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
  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    if (rows.size() > 1) {
      throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
    }
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  @Override
  public long queryLong(String sql, Object... params) {
    return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  @Override
  public Connection connection() {
    return connection;
  }

  static void bindAll(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object v = params[i];
      int index = i + 1;
      if (v == null) {
        ps.setNull(index, Types.NULL);
      } else if (v instanceof Instant t) {
        ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
      } else if (v instanceof BigDecimal d) {
        ps.setBigDecimal(index, d);
      } else if (v instanceof UUID u) {
        ps.setObject(index, u);
      } else if (v instanceof Enum<?> e) {
        ps.setString(index, e.name());
      } else {
        ps.setObject(index, v);
      }
    }
  }

  private static IllegalStateException failed(String sql, SQLException e) {
    return new IllegalStateException("SQL failed: " + e.getMessage() + " [" + sql + "]", e);
  }
}
