package dev.tasquencer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DataAccessException;
import java.util.Map;
import java.util.Properties;

/**
 * Convenience data sources (needs HikariCP and the JDBC driver on the class path). Applications
 * with their own pool pass it to {@link TasquencerBuilder#dataSource} instead.
 *
 * <p>Every wait of these pools is bounded: a connection is handed out within {@value
 * #CONNECTION_TIMEOUT_MS} ms or the call fails, and on PostgreSQL connecting gives up after {@code
 * connectTimeout} = 10 s, logging in after {@code loginTimeout} = 15 s, and a read waiting for the
 * server after {@code socketTimeout} = 120 s (longer than the engine's default statement timeout; a
 * connection whose network stalled fails then instead of waiting for ever), with TCP keepalive on.
 * Parameters of the same names in the URL win: {@code
 * jdbc:postgresql://db/app?user=app&socketTimeout=600}.
 */
public final class DataSources {
  /** How long a caller waits for a free connection of the pool. */
  public static final long CONNECTION_TIMEOUT_MS = 30_000;

  /** PostgreSQL driver properties these pools set unless the URL gives them (seconds). */
  private static final Map<String, String> POSTGRES_DEFAULTS =
      Map.of(
          "connectTimeout", "10",
          "loginTimeout", "15",
          "socketTimeout", "120",
          "tcpKeepAlive", "true");

  /**
   * The PostgreSQL driver properties these pools set (parameters of the URL override them), for
   * code that opens a connection of its own: connecting, logging in and reading are bounded.
   */
  public static Properties postgresDriverDefaults() {
    Properties p = new Properties();
    p.putAll(POSTGRES_DEFAULTS);
    return p;
  }

  private DataSources() {}

  /** A pooled data source for a JDBC URL of H2 or PostgreSQL. Close it when done. */
  public static HikariDataSource pooled(String jdbcUrl) {
    return pooled(jdbcUrl, 10);
  }

  public static HikariDataSource pooled(String jdbcUrl, int maxConnections) {
    checkJdbcUrl(jdbcUrl);
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setMaximumPoolSize(maxConnections);
    cfg.setPoolName("tasquencer");
    cfg.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    cfg.setValidationTimeout(5_000);
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      // driver properties: the driver lets parameters of the URL override them
      cfg.setDataSourceProperties(postgresDriverDefaults());
    }
    return new HikariDataSource(cfg);
  }

  /** Fails unless {@code jdbcUrl} looks like a JDBC URL; opens nothing. */
  static void checkJdbcUrl(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
      throw new ConfigurationException(
          "not a JDBC URL: '"
              + jdbcUrl
              + "' (examples: jdbc:h2:file:./data/tasquencer,"
              + " jdbc:postgresql://127.0.0.1:5432/app?user=app)");
    }
  }

  /**
   * The pool of {@link TasquencerBuilder#jdbcUrl}; a database that cannot be reached is a {@link
   * DataAccessException} that says so (the pool connects when it is created).
   */
  static HikariDataSource open(String jdbcUrl) {
    try {
      return pooled(jdbcUrl);
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new DataAccessException(
          "cannot connect to the database of jdbcUrl(...): "
              + cause.getMessage()
              + ". Check that the database is running and reachable, and the URL's host, port,"
              + " database name and credentials",
          e);
    }
  }

  /** An embedded H2 database in a file ({@code path} without the {@code .mv.db} suffix). */
  public static HikariDataSource h2File(String path) {
    return pooled("jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE");
  }

  /** A private in-memory H2 database that lives as long as the data source. */
  public static HikariDataSource h2Memory(String name) {
    return pooled("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
  }
}
