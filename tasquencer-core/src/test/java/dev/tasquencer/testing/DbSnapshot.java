package dev.tasquencer.testing;

import dev.tasquencer.internal.store.IdentityTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Every row of the engine's instance tables (and of any domain tables named), each rendered as
 * {@code column=value, ...} and sorted, so that two snapshots are equal exactly when the tables
 * hold the same rows. Used to show that a failed call changed nothing:
 *
 * <pre>{@code
 * var before = DbSnapshot.take(db, "invoice");
 * assertThatThrownBy(() -> engine.completeWorkItem(id)).isInstanceOf(...);
 * assertThat(DbSnapshot.take(db, "invoice")).isEqualTo(before);
 * }</pre>
 */
public final class DbSnapshot {
  /**
   * The tables holding instance state (allocations included) and its history, the idempotency keys,
   * and the identity tables (roles, groups, memberships, assignments).
   */
  public static final List<String> ENGINE_TABLES =
      Stream.concat(
              Stream.of(
                  "tq_workflow",
                  "tq_task",
                  "tq_task_generation",
                  "tq_condition",
                  "tq_work_item",
                  "tq_allocation",
                  "tq_offer_target",
                  "tq_performer",
                  "tq_outbox",
                  "tq_incident",
                  "tq_message_wait",
                  "tq_message_buffer",
                  "tq_idempotency",
                  "tq_history"),
              IdentityTables.TABLES.stream())
          .toList();

  private final Map<String, List<String>> rows;

  private DbSnapshot(Map<String, List<String>> rows) {
    this.rows = Collections.unmodifiableMap(rows);
  }

  /** Snapshots the engine tables and the given domain tables. */
  public static DbSnapshot take(TestDatabase db, String... domainTables) {
    return take(db.dataSource(), domainTables);
  }

  public static DbSnapshot take(DataSource ds, String... domainTables) {
    List<String> tables = new ArrayList<>(ENGINE_TABLES);
    tables.addAll(List.of(domainTables));
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        out.put(table, rowsOf(s, table));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot snapshot the tables " + tables, e);
    }
    return new DbSnapshot(out);
  }

  private static List<String> rowsOf(Statement s, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("select * from " + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (i > 1) {
            sb.append(", ");
          }
          sb.append(md.getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=');
          sb.append(text(rs.getObject(i)));
        }
        out.add(sb.toString());
      }
    }
    Collections.sort(out);
    return List.copyOf(out);
  }

  /** The rows of one table, sorted. */
  public List<String> rows(String table) {
    List<String> r = rows.get(table);
    if (r == null) {
      throw new IllegalArgumentException("table " + table + " is not in this snapshot");
    }
    return r;
  }

  /** Number of rows of one table. */
  public int count(String table) {
    return rows(table).size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DbSnapshot other && rows.equals(other.rows);
  }

  @Override
  public int hashCode() {
    return rows.hashCode();
  }

  /**
   * A column value as text to compare: an array column (tq_allocation.targets) by its elements, not
   * by its driver object, whose text differs on every read.
   */
  public static String text(@Nullable Object value) throws SQLException {
    return value instanceof java.sql.Array a
        ? java.util.Arrays.toString((Object[]) a.getArray())
        : String.valueOf(value);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    rows.forEach(
        (table, list) -> {
          sb.append(table).append(" (").append(list.size()).append(" rows)\n");
          list.forEach(r -> sb.append("  ").append(r).append('\n'));
        });
    return sb.toString();
  }
}
