package dev.tasquencer.internal.store;

import dev.tasquencer.api.Db;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Binding and reading of parameter values, the same on H2 and PostgreSQL. */
final class Params {
  private Params() {}

  /** Binds by the rules of {@link Db}, which user code shares. */
  public static void bind(PreparedStatement ps, int index, @Nullable Object v) throws SQLException {
    Db.bind(ps, index, v);
  }

  public static void bindAll(PreparedStatement ps, @Nullable Object... params) throws SQLException {
    Db.bindAll(ps, params);
  }

  /** The instant in a {@code not null} column. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  /** The instant in a column that may hold null. */
  public static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  public static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }
}
