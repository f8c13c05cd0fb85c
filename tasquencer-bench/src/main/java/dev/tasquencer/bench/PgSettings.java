package dev.tasquencer.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server settings that decide what a commit and a write cost, read from the server
 * ({@code pg_settings}) at the start of a run and recorded in its JSON: durability (fsync,
 * synchronous_commit, full_page_writes, the WAL sync method, commit delay), memory (shared_buffers,
 * WAL buffers, work_mem), checkpoints and autovacuum, and the server version.
 */
public final class PgSettings {
  /** The settings read, in the order they are reported. */
  static final List<String> NAMES =
      List.of(
          "server_version",
          "fsync",
          "synchronous_commit",
          "full_page_writes",
          "wal_sync_method",
          "commit_delay",
          "shared_buffers",
          "wal_buffers",
          "work_mem",
          "max_wal_size",
          "checkpoint_timeout",
          "autovacuum",
          "autovacuum_naptime",
          "autovacuum_vacuum_scale_factor",
          "autovacuum_vacuum_insert_scale_factor",
          "autovacuum_analyze_scale_factor",
          "jit");

  private PgSettings() {}

  /** The settings of the server at {@code url}, by name, as {@link #display} writes them. */
  public static Map<String, String> read(String url) {
    Map<String, String> raw = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s =
            c.prepareStatement("select name, setting, unit from pg_settings where name = any(?)")) {
      s.setArray(1, c.createArrayOf("text", NAMES.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          raw.put(rs.getString(1), display(rs.getString(2), rs.getString(3)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is not reachable at " + url + ": " + e.getMessage(), e);
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String n : NAMES) {
      if (raw.containsKey(n)) {
        ordered.put(n, raw.get(n));
      }
    }
    return ordered;
  }

  /**
   * A {@code pg_settings} value with its unit, written the way a person reads it: a memory setting
   * counted in blocks ({@code 16384} of {@code 8kB}) as {@code 128MB}, a time as {@code 200ms},
   * {@code 1min}; a setting without a unit as it is. {@code -1} (meaning "default" or "off" for
   * several settings) stays {@code -1}.
   */
  static String display(String setting, String unit) {
    if (unit == null || unit.isEmpty() || setting == null) {
      return setting;
    }
    long value;
    try {
      value = Long.parseLong(setting);
    } catch (NumberFormatException e) {
      return setting + unit;
    }
    if (value < 0) {
      return setting;
    }
    Long bytesPerUnit = bytes(unit);
    if (bytesPerUnit != null) {
      return bytes(value * bytesPerUnit);
    }
    return switch (unit) {
      case "ms" -> time(value);
      case "s" -> time(value * 1000);
      case "min" -> time(value * 60_000);
      default -> setting + unit;
    };
  }

  /** Bytes in one unit of a memory setting ("8kB", "kB", "MB", "16MB"...), or null. */
  private static @Nullable Long bytes(String unit) {
    int i = 0;
    while (i < unit.length() && Character.isDigit(unit.charAt(i))) {
      i++;
    }
    long factor = i == 0 ? 1 : Long.parseLong(unit.substring(0, i));
    return switch (unit.substring(i)) {
      case "B" -> factor;
      case "kB" -> factor << 10;
      case "MB" -> factor << 20;
      case "GB" -> factor << 30;
      default -> null;
    };
  }

  /** The largest unit of B, kB, MB, GB, TB that divides the bytes exactly. */
  private static String bytes(long b) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (u < units.length - 1 && b != 0 && b % 1024 == 0) {
      b /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%d%s", b, units[u]);
  }

  /** The largest of ms, s, min, h, d that divides the milliseconds exactly. */
  private static String time(long ms) {
    long[] sizes = {1, 1000, 60, 60, 24};
    String[] units = {"ms", "s", "min", "h", "d"};
    int u = 0;
    long v = ms;
    while (u < sizes.length - 1 && v != 0 && v % sizes[u + 1] == 0) {
      v /= sizes[u + 1];
      u++;
    }
    return v + units[u];
  }
}
