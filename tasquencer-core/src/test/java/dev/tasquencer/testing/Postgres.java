package dev.tasquencer.testing;

import dev.tasquencer.internal.store.Migrations;
import dev.tasquencer.internal.store.PostgresDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared PostgreSQL server of the test runs: a template database migrated once per JVM, and a
 * fresh database cloned from it for every test.
 */
final class Postgres {
  static final String URL =
      System.getenv()
          .getOrDefault("TASQUENCER_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  static final boolean REQUIRED = "true".equalsIgnoreCase(System.getenv("TASQUENCER_REQUIRE_PG"));

  private static String template;
  private static String unavailable;

  private Postgres() {}

  /** Null when reachable, else why not. */
  static synchronized String unavailableReason() {
    if (template == null && unavailable == null) {
      try {
        template = createTemplate();
      } catch (SQLException | RuntimeException e) {
        unavailable = "PostgreSQL at " + URL + " is not usable: " + e.getMessage();
      }
    }
    return unavailable;
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(URL);
  }

  static String urlOf(String database) {
    int slash = URL.indexOf('/', "jdbc:postgresql://".length());
    int q = URL.indexOf('?');
    String base = URL.substring(0, slash + 1);
    String params = q < 0 ? "" : URL.substring(q);
    return base + database + params;
  }

  private static String newName(String prefix) {
    return prefix
        + (System.currentTimeMillis() / 1000)
        + "_"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFL);
  }

  private static String createTemplate() throws SQLException {
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      dropStale(s);
      String name = newName("tqtpl_");
      s.execute("create database " + name);
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(urlOf(name));
      Migrations.migrate(ds, new PostgresDialect());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try (Connection a = admin();
                        Statement st = a.createStatement()) {
                      st.execute("drop database if exists " + name + " with (force)");
                    } catch (SQLException ignored) {
                      // best effort
                    }
                  }));
      return name;
    }
  }

  /** Drops test databases left by runs that ended more than an hour ago. */
  private static void dropStale(Statement s) throws SQLException {
    long cutoff = System.currentTimeMillis() / 1000 - 3600;
    List<String> stale = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery(
            "select datname from pg_database where datname like 'tqt%\\_%' escape '\\'")) {
      while (rs.next()) {
        String n = rs.getString(1);
        String[] parts = n.split("_");
        if (parts.length >= 3) {
          try {
            if (Long.parseLong(parts[1]) < cutoff) {
              stale.add(n);
            }
          } catch (NumberFormatException ignored) {
            // not ours
          }
        }
      }
    }
    for (String n : stale) {
      s.execute("drop database if exists " + n + " with (force)");
    }
  }

  /** A new database: a clone of the migrated template, or empty (no engine table yet). */
  static String createDatabase(boolean migrated) throws SQLException {
    String name = newName("tqt_").toLowerCase(Locale.ROOT);
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("create database " + name + (migrated ? " template " + template : ""));
    }
    return name;
  }

  static void dropDatabase(String name) {
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      System.err.println("could not drop test database " + name + ": " + e.getMessage());
    }
  }
}
