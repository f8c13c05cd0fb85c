package dev.tasquencer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasquencer.api.error.ConfigurationException;

/**
 * Convenience data sources (needs HikariCP and the JDBC driver on the class path). Applications
 * with their own pool pass it to {@link TasquencerBuilder#dataSource} instead.
 */
public final class DataSources {
  private DataSources() {}

  /** A pooled data source for a JDBC URL of H2 or PostgreSQL. Close it when done. */
  public static HikariDataSource pooled(String jdbcUrl) {
    return pooled(jdbcUrl, 10);
  }

  public static HikariDataSource pooled(String jdbcUrl, int maxConnections) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
      throw new ConfigurationException(
          "not a JDBC URL: '"
              + jdbcUrl
              + "' (examples: jdbc:h2:file:./data/tasquencer,"
              + " jdbc:postgresql://127.0.0.1:5432/app?user=app)");
    }
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setMaximumPoolSize(maxConnections);
    cfg.setPoolName("tasquencer");
    return new HikariDataSource(cfg);
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
