package dev.tasquencer.api;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The parameter rules of {@link Db}, the same on H2 and PostgreSQL, in and out of calls. */
final class Parameters {
  private Parameters() {}

  static void bind(PreparedStatement ps, int index, @Nullable Object v) throws SQLException {
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
      ps.setObject(index, utc(t));
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

  /**
   * The instant at UTC, made without {@code OffsetDateTime.ofInstant}, which on Java 17 builds a
   * new {@code ZoneRules} for the offset each time (the engine binds several timestamps per row).
   */
  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.of(
        LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC),
        ZoneOffset.UTC);
  }
}
