package dev.tasquencer.bench;

import dev.tasquencer.bench.subjects.TasquencerSubject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * W6's preload: fills a PostgreSQL database's instance and history tables with finished roots
 * quickly, in SQL.
 *
 * <p>The engine runs one W4 instance to its end (the template), at the bench's history level, so
 * its history is what the engine writes (at audit: 15 events, numbered 1 to 15, in 5 rows: one per
 * call). Then, for every table that has a {@code root_id} column (the instance tables and {@code
 * tq_history} among them), one {@code INSERT ... SELECT} per chunk of clones copies the template's
 * rows {@code generate_series} times, every column as it is except: the {@code uuid} columns, which
 * become {@code md5(value || ':' || clone)::uuid} (and, inside the text columns, such as a history
 * row's events, the template's workflow and work item ids are replaced the same way), and the
 * timestamps, which move back by {@code clone} times a spacing that spreads the clones over {@link
 * #SPREAD_DAYS} days. The same id maps to the same new id in every table, so the clones reference
 * each other as the template does (a history row's root, workflow, work item and command ids
 * included), each clone's history is numbered 1..n like the template's, and the new ids are as
 * scattered over the primary-key indexes as the engine's random ones. The rows never travel through
 * the client. The tables' indexes and key constraints are dropped before the load and built again
 * after it (as a restore does): sorting once is far faster than inserting random ids into an index
 * that outgrows the buffer cache. Afterwards the tables are vacuumed and analyzed once (what
 * autovacuum does after such a load; it stays as the server has it) and a checkpoint is asked for,
 * so that neither falls into the measurement.
 */
final class Preload {
  /** The history events per finished root W6 is to be measured with, at least. */
  static final int HISTORY_EVENTS_PER_ROOT = 10;

  /**
   * The engine's history table (one row per call and root, holding that call's events, keyed by
   * root id and the number of its first event).
   */
  static final String HISTORY_TABLE = "tq_history";

  /** The clones' timestamps are spread over this many days before the template's. */
  static final int SPREAD_DAYS = 365;

  /** Clones per INSERT statement (each its own transaction, for progress and bounded WAL). */
  static final int CHUNK = 100_000;

  private Preload() {}

  /**
   * Preloads {@code roots} finished roots (the template included) and returns what was done: the
   * method, the time it took, the rows and size of each table, and the state of the history rows.
   */
  static Map<String, Object> finishedRoots(
      DataSource ds, TasquencerSubject engine, int roots, BiConsumer<String, Object[]> progress) {
    long t0 = System.nanoTime();
    UUID template = engine.finishedRoot();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("finishedRoots", roots);
    out.put(
        "method",
        "the engine runs one W4 instance to its end; per table with a root_id, INSERT ... SELECT"
            + " from its rows cross join generate_series(1, n) (in chunks of "
            + CHUNK
            + " clones), uuid columns mapped to md5(value || ':' || clone)::uuid (the template's"
            + " workflow and work item ids inside text columns too), timestamps"
            + " moved back by clone times a spacing that spreads the clones over "
            + SPREAD_DAYS
            + " days, with the tables' indexes and key constraints dropped before and built again"
            + " after; then VACUUM (ANALYZE) of those tables and a CHECKPOINT; autovacuum as the"
            + " server has it");
    long spacingMicros = spacingMicros(roots);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      List<String> tables = rootTables(c);
      out.put("tables", tables);
      List<String> ids = templateIds(c, template);
      List<String> rebuild = dropIndexes(c, tables);
      for (int from = 1; from < roots; from += CHUNK) {
        int to = Math.min(roots - 1, from + CHUNK - 1);
        c.setAutoCommit(false);
        for (String table : tables) {
          try (PreparedStatement s =
              c.prepareStatement(cloneSql(table, columns(c, table), spacingMicros, ids))) {
            s.setInt(1, from);
            s.setInt(2, to);
            s.setObject(3, template);
            s.executeUpdate();
          }
        }
        c.commit();
        c.setAutoCommit(true);
        progress.accept(
            "[pg] W6: %,d of %,d roots (%.0f s)",
            new Object[] {to + 1, roots, (System.nanoTime() - t0) / 1e9});
      }
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      try (Statement s = c.createStatement()) {
        s.execute("set maintenance_work_mem = '256MB'");
        for (String ddl : rebuild) {
          s.execute(ddl);
        }
        s.execute("reset maintenance_work_mem");
        out.put("indexesRebuilt", rebuild);
        out.put("indexesBuiltSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        for (String table : tables) {
          s.execute("vacuum (analyze) " + table);
        }
      }
      out.put("checkpoint", checkpoint(c));
      out.put("loadSeconds", Math.round(loadSeconds * 10) / 10.0);
      out.put("loadAndVacuumSeconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
      Map<String, Object> rows = new LinkedHashMap<>();
      for (String table : tables) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("rows", count(c, "select count(*) from " + table));
        t.put(
            "bytesWithIndexes",
            count(c, "select pg_total_relation_size('" + table + "'::regclass)"));
        rows.put(table, t);
      }
      out.put("rowsByTable", rows);
      out.put("history", history(c, roots, template));
    } catch (SQLException e) {
      throw new IllegalStateException("W6 preload failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** The ids of the template's workflows and work items, as text. */
  private static List<String> templateIds(Connection c, UUID template) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id::text from tq_workflow where root_id = ?"
                + " union all select id::text from tq_work_item where root_id = ?")) {
      s.setObject(1, template);
      s.setObject(2, template);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** The base tables of the current schema with a {@code root_id} column, by name. */
  static List<String> rootTables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select c.table_name from information_schema.columns c"
                    + " join information_schema.tables t on t.table_schema = c.table_schema"
                    + " and t.table_name = c.table_name and t.table_type = 'BASE TABLE'"
                    + " where c.table_schema = current_schema() and c.column_name = 'root_id'"
                    + " order by c.table_name")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * Drops the primary keys, unique constraints and other indexes of the tables and returns the
   * statements that create them again, in order (constraints first).
   */
  static List<String> dropIndexes(Connection c, List<String> tables) throws SQLException {
    List<String> drop = new ArrayList<>();
    List<String> create = new ArrayList<>();
    for (String table : tables) {
      try (PreparedStatement s =
          c.prepareStatement(
              "select conname, pg_get_constraintdef(oid) from pg_constraint"
                  + " where conrelid = ?::regclass and contype in ('p', 'u') order by conname")) {
        s.setString(1, table);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            drop.add("alter table " + table + " drop constraint " + rs.getString(1));
            create.add(
                "alter table "
                    + table
                    + " add constraint "
                    + rs.getString(1)
                    + " "
                    + rs.getString(2));
          }
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "select i.indexname, i.indexdef from pg_indexes i where i.schemaname = current_schema()"
                  + " and i.tablename = ? and not exists (select 1 from pg_constraint k"
                  + " where k.conrelid = ?::regclass and k.conname = i.indexname)"
                  + " order by i.indexname")) {
        s.setString(1, table);
        s.setString(2, table);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            drop.add("drop index " + rs.getString(1));
            create.add(rs.getString(2));
          }
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String ddl : drop) {
        s.execute(ddl);
      }
    }
    return create;
  }

  /** A table's columns with their data types, in order. */
  private static Map<String, String> columns(Connection c, String table) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select column_name, data_type from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ?"
                + " order by ordinal_position")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** The time between two clones' timestamps: {@link #SPREAD_DAYS} days over the roots. */
  static long spacingMicros(int roots) {
    return SPREAD_DAYS * 86_400_000_000L / Math.max(1, roots);
  }

  /**
   * The statement that clones the template root's rows of a table for the clone numbers {@code ?1}
   * to {@code ?2}; {@code ?3} is the template's root id. Clone g's timestamps are the template's
   * minus g times {@code spacingMicros}. In text columns each of {@code ids} (uuids as text) is
   * replaced by its clone's.
   */
  static String cloneSql(
      String table, Map<String, String> columns, long spacingMicros, List<String> ids) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> e : columns.entrySet()) {
      String col = e.getKey();
      names.add(col);
      String type = e.getValue();
      values.add(
          type.equals("uuid")
              ? "md5(t." + col + "::text || ':' || g)::uuid"
              : type.startsWith("timestamp")
                  ? "t." + col + " - g * interval '" + spacingMicros + " microseconds'"
                  : type.equals("text") ? replaced("t." + col, ids) : "t." + col);
    }
    return String.format(
        Locale.ROOT,
        "insert into %s (%s) select %s from %s t cross join generate_series(?::int, ?::int) g"
            + " where t.root_id = ?",
        table,
        String.join(", ", names),
        String.join(", ", values),
        table);
  }

  /** {@code value} with each id replaced by its clone's: nested {@code replace} calls. */
  private static String replaced(String value, List<String> ids) {
    String out = value;
    for (String id : ids) {
      out = "replace(" + out + ", '" + id + "', md5('" + id + "' || ':' || g)::uuid::text)";
    }
    return out;
  }

  /** Asks for a checkpoint (superusers and pg_checkpoint only); returns whether it ran. */
  private static String checkpoint(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("checkpoint");
      return "done";
    } catch (SQLException e) {
      return "not allowed: " + e.getMessage();
    }
  }

  /**
   * The history preloaded against the target of {@link #HISTORY_EVENTS_PER_ROOT} events per root:
   * the table, the events and rows the template root has (what the engine writes for a finished W4
   * root at the bench's level), the events and rows in all, and whether the target is reached.
   */
  private static Map<String, Object> history(Connection c, int roots, UUID template)
      throws SQLException {
    Map<String, Object> h = new LinkedHashMap<>();
    long target = (long) roots * HISTORY_EVENTS_PER_ROOT;
    h.put("targetEvents", target);
    if (!rootTables(c).contains(HISTORY_TABLE)) {
      h.put("events", 0);
      h.put("status", "below target: the schema has no " + HISTORY_TABLE);
      return h;
    }
    String events = "coalesce(sum(last_seq - seq + 1), 0)";
    long all = count(c, "select " + events + " from " + HISTORY_TABLE);
    long rows = count(c, "select count(*) from " + HISTORY_TABLE);
    long perRoot;
    long rowsPerRoot;
    try (PreparedStatement s =
        c.prepareStatement(
            "select " + events + ", count(*) from " + HISTORY_TABLE + " where root_id = ?")) {
      s.setObject(1, template);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        perRoot = rs.getLong(1);
        rowsPerRoot = rs.getLong(2);
      }
    }
    h.put("table", HISTORY_TABLE);
    h.put("eventsPerRoot", perRoot);
    h.put("rowsPerRoot", rowsPerRoot);
    h.put("events", all);
    h.put("rows", rows);
    h.put(
        "status",
        all >= target
            ? "preloaded"
            : "below target: at this history level a finished W4 root has "
                + perRoot
                + " history events");
    return h;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
