package dev.tasquencer.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.api.Db;
import dev.tasquencer.builder.WorkflowDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A fresh database for one test run, closed (and on PostgreSQL dropped) after the test. */
@SuppressWarnings("deprecation") // JUnit closes the stored value through Store.CloseableResource
public final class TestDatabase implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  /** The databases tests run on. */
  public enum Kind {
    H2("h2"),
    POSTGRES("postgres");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Kind kind;
  private final HikariDataSource dataSource;
  private final String pgDatabase;
  private final List<Tasquencer> engines = new ArrayList<>();

  private TestDatabase(Kind kind, HikariDataSource dataSource, String pgDatabase) {
    this.kind = kind;
    this.dataSource = dataSource;
    this.pgDatabase = pgDatabase;
  }

  static TestDatabase create(Kind kind, String testName) {
    return kind == Kind.H2 ? h2() : postgres();
  }

  /** A fresh in-memory H2 database. */
  public static TestDatabase h2() {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(
        "jdbc:h2:mem:t"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
    cfg.setMaximumPoolSize(16);
    cfg.setMinimumIdle(1);
    return new TestDatabase(Kind.H2, new HikariDataSource(cfg), null);
  }

  /** A fresh PostgreSQL database (skips, or fails when required, if the server is down). */
  public static TestDatabase postgres() {
    return postgres(true);
  }

  /**
   * A fresh PostgreSQL database, with the engine's schema ({@code migrated}) or empty, as a new
   * application's database is before its first start.
   */
  public static TestDatabase postgres(boolean migrated) {
    String reason = Postgres.unavailableReason();
    if (reason != null) {
      if (Postgres.REQUIRED) {
        Assertions.fail(reason + " (TASQUENCER_REQUIRE_PG=true)");
      }
      Assumptions.abort(reason);
    }
    try {
      String name = Postgres.createDatabase(migrated);
      HikariConfig cfg = new HikariConfig();
      cfg.setJdbcUrl(Postgres.urlOf(name));
      cfg.setMaximumPoolSize(16);
      cfg.setMinimumIdle(1);
      // a non-UTC session zone catches time zone bugs
      cfg.setConnectionInitSql("set time zone 'Pacific/Chatham'");
      return new TestDatabase(Kind.POSTGRES, new HikariDataSource(cfg), name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a PostgreSQL test database", e);
    }
  }

  public Kind kind() {
    return kind;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * The JDBC URL of this database, for code that opens its own connections (another pool, a command
   * line run in-process, a child process; an in-memory H2 database is reachable from this JVM
   * only).
   */
  public String jdbcUrl() {
    return dataSource.getJdbcUrl();
  }

  /** An engine on this database with the given definitions, closed after the test. */
  public Tasquencer engine(WorkflowDefinition... definitions) {
    return engine(Tasquencer.builder().register(definitions));
  }

  /** An engine from a prepared builder (data source set here). */
  public Tasquencer engine(TasquencerBuilder builder) {
    Tasquencer e = builder.dataSource(dataSource).build();
    engines.add(e);
    return e;
  }

  /** Runs SQL outside the engine, auto-committed (domain tables, checks). */
  public int sql(String sql, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      return Db.of(c).update(sql, params);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A number read outside the engine. */
  public long queryLong(String sql, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      return Db.of(c).queryLong(sql, params);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows read outside the engine, each as a list of column values. */
  public List<List<Object>> rows(String sql, Object... params) {
    try (Connection c = dataSource.getConnection()) {
      return Db.of(c)
          .query(
              sql,
              rs -> {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                  row.add(rs.getObject(i));
                }
                return row;
              },
              params);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    engines.forEach(Tasquencer::close);
    dataSource.close();
    if (pgDatabase != null) {
      Postgres.dropDatabase(pgDatabase);
    }
  }
}
