package dev.tasquencer.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.tasquencer.DataSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The database a demo runs on: the one given with {@code --db}, or by default an embedded H2
 * database in a file under {@code ./data/} (relative to the current directory; the directory can be
 * changed with the system property {@code tasquencer.dataDir} or the environment variable {@code
 * TASQUENCER_DATA_DIR}). The default file is deleted and created again for every run.
 */
final class DemoDatabase implements AutoCloseable {
  /** H2's error code for a database file that does not exist (with IFEXISTS=TRUE). */
  private static final int H2_DATABASE_NOT_FOUND = 90146;

  private final HikariDataSource dataSource;
  private final String description;

  private DemoDatabase(HikariDataSource dataSource, String description) {
    this.dataSource = dataSource;
    this.description = description;
  }

  /**
   * Checks the form of a {@code --db} value (null: none given, acceptable).
   *
   * @throws ParameterException when it is not a JDBC URL of H2 or PostgreSQL
   */
  static void checkUrl(CommandSpec spec, @Nullable String url) {
    if (url == null || url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:")) {
      return;
    }
    throw new ParameterException(
        spec.commandLine(),
        "--db must be a JDBC URL of H2 or PostgreSQL (jdbc:h2:... or jdbc:postgresql://...),"
            + " was '"
            + redact(url)
            + "'");
  }

  static DemoDatabase open(@Nullable String url, String demo) {
    return open(url, demo, 4);
  }

  /** Opens the database with a pool of up to {@code maxConnections} connections. */
  static DemoDatabase open(@Nullable String url, String demo, int maxConnections) {
    if (url == null) {
      Path base = freshH2File(demo);
      return connect(
          "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE",
          "H2 file " + base + ".mv.db (new for this run)",
          maxConnections);
    }
    return connect(url, describe(url), maxConnections);
  }

  private static String describe(String url) {
    return url.startsWith("jdbc:h2:") ? "H2 " + redact(url) : redact(url);
  }

  /**
   * The database of an earlier run, left as it is: the one given with {@code --db}, or the demo's
   * default H2 file, which must exist.
   */
  static DemoDatabase existing(@Nullable String url, @Nullable String demo) {
    if (url != null) {
      return open(url, demo == null ? "net" : demo);
    }
    if (demo == null) {
      throw new CliException("no demo runs this net: give its database with --db");
    }
    Path base = dataDir().resolve("tasquencer-demo-" + demo);
    if (!Files.exists(Path.of(base + ".mv.db"))) {
      throw new CliException(
          "there is no demo database "
              + base
              + ".mv.db: run 'tasquencer demo "
              + demo
              + "' first, or give the database with --db");
    }
    return connect(
        "jdbc:h2:file:" + base + ";IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE",
        "H2 file " + base + ".mv.db",
        4);
  }

  /**
   * A database an engine ran on, opened to read what it holds: an embedded H2 file must exist (it
   * is not created), and the engine's tables must be there, history included.
   *
   * @throws CliException when the database cannot be reached or holds no engine schema with history
   */
  static DemoDatabase inspect(String url) {
    DemoDatabase database;
    try {
      database = connect(existingH2(url), describe(url), 2);
    } catch (CliException e) {
      if (e.getCause() instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_NOT_FOUND) {
        throw new CliException(
            "there is no H2 database "
                + redact(url)
                + ": give the URL of an existing database file (jdbc:h2:file:PATH, without"
                + " .mv.db)",
            e);
      }
      throw e;
    }
    try {
      database.checkEngineSchema();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** An embedded H2 file URL that does not create the file when it is missing. */
  static String existingH2(String url) {
    String upper = url.toUpperCase(Locale.ROOT);
    boolean embeddedFile =
        upper.startsWith("JDBC:H2:")
            && !upper.startsWith("JDBC:H2:MEM:")
            && !upper.startsWith("JDBC:H2:TCP:")
            && !upper.startsWith("JDBC:H2:SSL:");
    return embeddedFile && !upper.contains("IFEXISTS=") ? url + ";IFEXISTS=TRUE" : url;
  }

  /**
   * Checks that the engine's tables are there: {@code tq_workflow} (any engine schema) and {@code
   * tq_history} (a schema recent enough to hold history).
   */
  private void checkEngineSchema() {
    try (Connection c = dataSource.getConnection()) {
      if (!hasTable(c, "tq_workflow")) {
        throw new CliException(
            "the database "
                + description
                + " has no Tasquencer tables (tq_workflow is missing): give the database an"
                + " engine runs on; an engine creates its tables when it starts (unless it is"
                + " built with migrate(false))");
      }
      if (!hasTable(c, "tq_history")) {
        throw new CliException(
            "the database "
                + description
                + " has Tasquencer tables of an older version, without history (tq_history is"
                + " missing): start an engine of this version on it once, which migrates it");
      }
    } catch (SQLException e) {
      throw new CliException(
          "cannot read the database " + description + ": " + Errors.rootMessage(e), e);
    }
  }

  /**
   * Whether a query of the table works, as the engine's unqualified statements will see it (the
   * schema search path, case folding).
   */
  private static boolean hasTable(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeQuery("select 1 from " + table + " where 1 = 0").close();
      return true;
    } catch (SQLException e) {
      String state = e.getSQLState();
      // 42P01: PostgreSQL's undefined table; 42S02 and 42S04: H2's table not found
      if ("42P01".equals(state) || "42S02".equals(state) || "42S04".equals(state)) {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        return false;
      }
      throw e;
    }
  }

  static Path dataDir() {
    String dir = System.getProperty("tasquencer.dataDir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("TASQUENCER_DATA_DIR");
    }
    return Path.of(dir == null || dir.isBlank() ? "data" : dir).toAbsolutePath().normalize();
  }

  private static Path freshH2File(String demo) {
    Path dir = dataDir();
    Path base = dir.resolve("tasquencer-demo-" + demo);
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(Path.of(base + ".mv.db"));
      Files.deleteIfExists(Path.of(base + ".trace.db"));
    } catch (IOException e) {
      throw new CliException("cannot prepare the demo database in " + dir + ": " + e);
    }
    return base;
  }

  private static DemoDatabase connect(String url, String description, int maxConnections) {
    // try one plain connection first: a clear message instead of the pool's stack trace
    Properties bounded =
        url.startsWith("jdbc:postgresql:")
            ? DataSources.postgresDriverDefaults()
            : new Properties();
    try (Connection c = DriverManager.getConnection(probeUrl(url), bounded)) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new CliException(
          "cannot connect to the database " + redact(url) + ": " + Errors.rootMessage(e), e);
    }
    return new DemoDatabase(DataSources.pooled(url, maxConnections), description);
  }

  /**
   * The URL of the connection check. For H2 it writes no trace file: when H2 cannot open a database
   * it logs the error to {@code NAME.trace.db}, and when that file cannot be written either (the
   * directory does not exist) it prints the error and its stack trace on the process's stdout and
   * stderr, ahead of the command's own one-line message.
   */
  static String probeUrl(String url) {
    if (!url.startsWith("jdbc:h2:") || url.toUpperCase(Locale.ROOT).contains("TRACE_LEVEL_FILE")) {
      return url;
    }
    return url + ";TRACE_LEVEL_FILE=0";
  }

  /** The URL without its password. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  DataSource dataSource() {
    return dataSource;
  }

  String description() {
    return description;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
