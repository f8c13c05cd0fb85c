package dev.tasquencer.internal.store;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Binding and reading of parameter values, the same on H2 and PostgreSQL. */
final class Params {
  private Params() {}

  public static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
    if (v == null) {
      ps.setNull(index, Types.NULL);
    } else if (v instanceof String s) {
      ps.setString(index, s);
    } else if (v instanceof Integer i) {
      ps.setInt(index, i);
    } else if (v instanceof Long l) {
      ps.setLong(index, l);
    } else if (v instanceof UUID u) {
      ps.setObject(index, u);
    } else if (v instanceof Instant t) {
      ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    } else if (v instanceof BigDecimal d) {
      ps.setBigDecimal(index, d);
    } else if (v instanceof Boolean b) {
      ps.setBoolean(index, b);
    } else if (v instanceof Double d) {
      ps.setDouble(index, d);
    } else if (v instanceof Enum<?> e) {
      ps.setString(index, e.name());
    } else {
      ps.setObject(index, v);
    }
  }

  public static void bindAll(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      bind(ps, i + 1, params[i]);
    }
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }
}
