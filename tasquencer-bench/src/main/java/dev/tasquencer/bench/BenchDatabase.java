package dev.tasquencer.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.tasquencer.DataSources;
import dev.tasquencer.bench.jdbc.CountingDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A database dedicated to one engine for one benchmark run: a private H2 in-memory database, or a
 * PostgreSQL database created on the server for this run and dropped on {@link #close()}. Each
 * engine gets the same kind of pool (Hikari, {@link #POOL_SIZE} connections) wrapped in a {@link
 * CountingDataSource}.
 */
public final class BenchDatabase implements AutoCloseable {
  /** Connections per pool (each engine runs one call at a time). */
  public static final int POOL_SIZE = 4;

  private final DbKind kind;
  private final String name;
  private final @Nullable String adminUrl; // null on H2
  private final HikariDataSource pool;
  private final CountingDataSource counting;

  private BenchDatabase(DbKind kind, String name, @Nullable String adminUrl, String url) {
    this.kind = kind;
    this.name = name;
    this.adminUrl = adminUrl;
    this.pool = DataSources.pooled(url, POOL_SIZE);
    this.counting = new CountingDataSource(pool, kind == DbKind.POSTGRES);
  }

  /**
   * Creates the database {@code bench_<engine>_<runId>}.
   *
   * @param pgUrl the PostgreSQL server's URL (any database on it; used to create and drop)
   */
  public static BenchDatabase create(DbKind kind, String engine, String runId, String pgUrl) {
    String name = ("bench_" + engine + "_" + runId).toLowerCase(Locale.ROOT);
    if (kind == DbKind.H2) {
      return new BenchDatabase(kind, name, null, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }
    try (Connection c = DriverManager.getConnection(pgUrl);
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + name);
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return new BenchDatabase(kind, name, pgUrl, withDatabase(pgUrl, name));
  }

  /** The URL with its database replaced by {@code database}. */
  static String withDatabase(String url, String database) {
    String prefix = "jdbc:postgresql://";
    if (!url.startsWith(prefix)) {
      throw new IllegalArgumentException("not a PostgreSQL URL: " + url);
    }
    int slash = url.indexOf('/', prefix.length());
    int query = url.indexOf('?');
    int hostEnd = slash >= 0 ? slash : query >= 0 ? query : url.length();
    String host = url.substring(0, hostEnd);
    String params = query < 0 ? "" : url.substring(query);
    return host + "/" + database + params;
  }

  public DbKind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  /** The counting data source over the pool: what the engine under test is given. */
  public CountingDataSource dataSource() {
    return counting;
  }

  @Override
  public void close() {
    pool.close();
    if (adminUrl != null) {
      try (Connection c = DriverManager.getConnection(adminUrl);
          Statement s = c.createStatement()) {
        s.execute("drop database if exists " + name + " with (force)");
      } catch (SQLException e) {
        System.err.println("bench: could not drop database " + name + ": " + e.getMessage());
      }
    }
  }
}
