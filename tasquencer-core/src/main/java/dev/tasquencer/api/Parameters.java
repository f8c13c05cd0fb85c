package dev.tasquencer.api;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The parameter rules of {@link Db}, the same on H2 and PostgreSQL, in and out of calls. */
final class Parameters {
  private Parameters() {}

  static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
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
}
