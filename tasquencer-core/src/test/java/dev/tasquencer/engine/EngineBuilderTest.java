package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.ForwardingDataSource;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TasquencerBuilder} in the manner of Caffeine's builders: each setting is checked when it
 * is made, nothing is opened before {@code build()}, and a failing {@code build()} closes what it
 * opened. Recording the definitions retries only the races of processes starting together.
 */
class EngineBuilderTest {

  @Test
  void jdbcUrlOpensNothingUntilBuild(@TempDir Path dir) {
    Path file = dir.resolve("engine.mv.db");
    String url = "jdbc:h2:file:" + dir.resolve("engine");

    TasquencerBuilder builder = Tasquencer.builder().jdbcUrl(url).register(Nets.singleTask("w"));
    assertThat(file).as("jdbcUrl(...) creates no database and no pool").doesNotExist();

    try (Tasquencer engine = builder.build()) {
      assertThat(file).as("build() opens it").exists();
      assertThat(engine.internal().initializeRootWorkflow("w", null)).isNotNull();
    }
  }

  @Test
  void anUnreachableUrlFailsAtBuildSayingWhatToCheck() {
    TasquencerBuilder builder =
        Tasquencer.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");

    assertThatThrownBy(builder::build)
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("cannot connect to the database of jdbcUrl(...)")
        .hasMessageContaining("host, port, database name and credentials");
  }

  @Test
  void aFailedBuildClosesThePoolItOpened() throws SQLException {
    // an in-memory H2 database lives while a connection to it is open
    String url = "jdbc:h2:mem:builder" + Long.toHexString(System.nanoTime());
    try (Connection keepAlive = DriverManager.getConnection(url)) {
      try (Tasquencer first =
          Tasquencer.builder()
              .jdbcUrl(url)
              .register(DefinitionRegistrationTest.oneStep().build())
              .build()) {
        first.internal().initializeRootWorkflow("orders", null);
      }

      TasquencerBuilder changed =
          Tasquencer.builder().jdbcUrl(url).register(DefinitionRegistrationTest.twoSteps().build());
      assertThatThrownBy(changed::build)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("registered with a different structure");
      assertThat(engineTables(keepAlive)).as("still there while a connection is open").isOne();
    }

    // every connection is closed, the failed build's pool included: the database is gone
    try (Connection fresh = DriverManager.getConnection(url)) {
      assertThat(engineTables(fresh)).as("a leaked pool would keep the database alive").isZero();
    }
  }

  private static long engineTables(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "select count(*) from information_schema.tables"
                    + " where lower(table_name) = 'tq_definition'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aUrlAndADataSourceAreOneSettingTooMany() {
    DataSource ds = new CountingConnections(null);

    assertThatThrownBy(() -> Tasquencer.builder().dataSource(ds).jdbcUrl("jdbc:h2:mem:x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "jdbcUrl: the database was already set by dataSource(...); an engine has one"
                + " database: call either dataSource(...) or jdbcUrl(...), once");
    assertThatThrownBy(() -> Tasquencer.builder().jdbcUrl("jdbc:h2:mem:x").dataSource(ds))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("dataSource: the database was already set by jdbcUrl(...)");
    assertThatThrownBy(() -> Tasquencer.builder().jdbcUrl("jdbc:h2:mem:x").jdbcUrl("jdbc:h2:mem:y"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("jdbcUrl: the database was already set by jdbcUrl(...)");
  }

  @Test
  void aMalformedUrlIsRefusedWhenItIsSet() {
    assertThatThrownBy(() -> Tasquencer.builder().jdbcUrl("postgresql://localhost/app"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("not a JDBC URL: 'postgresql://localhost/app'")
        .hasMessageContaining("jdbc:postgresql://");
  }

  /** Counts the connections the engine asks for. */
  static final class CountingConnections extends ForwardingDataSource {
    final AtomicInteger opened = new AtomicInteger();

    CountingConnections(DataSource delegate) {
      super(delegate);
    }

    @Override
    public Connection getConnection() throws SQLException {
      opened.incrementAndGet();
      return delegate.getConnection();
    }
  }

  @DbTest
  void aFailureThatIsNoRaceIsNotRetried(TestDatabase db) {
    db.engine(Nets.singleTask("w")); // the schema
    db.sql("alter table tq_definition rename to tq_definition_away");
    CountingConnections counting = new CountingConnections(db.dataSource());
    TasquencerBuilder builder =
        Tasquencer.builder()
            .dataSource(counting)
            .migrate(false)
            .maxAttempts(5)
            .register(Nets.singleTask("w"));
    try {
      assertThatThrownBy(builder::build)
          .isInstanceOf(DataAccessException.class)
          .hasMessageStartingWith("cannot record the registered definitions: ")
          .hasMessageNotContaining("conflicted");
      assertThat(counting.opened)
          .as("one connection to detect the database, one attempt to record: no retry")
          .hasValue(2);
    } finally {
      db.sql("alter table tq_definition_away rename to tq_definition");
    }
  }

  /**
   * Another process inserts the same definition row and commits while this build's insert waits for
   * it: the build's insert fails on the unique key, and the retry reads the other process's row.
   */
  @DbTest
  void aProcessRecordingTheSameDefinitionAtTheSameTimeIsARaceThatIsRetried(TestDatabase db)
      throws Exception {
    db.engine(Nets.singleTask("other")); // the schema
    WorkflowDefinition raced = Nets.singleTask("raced");
    try (Connection other = db.dataSource().getConnection()) {
      other.setAutoCommit(false);
      try (var ps =
          other.prepareStatement(
              "insert into tq_definition (name, version, structure_hash, registered_at)"
                  + " values (?, ?, ?, ?)")) {
        ps.setString(1, "raced");
        ps.setString(2, raced.version());
        ps.setString(3, raced.structureHash());
        ps.setObject(4, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        ps.executeUpdate();
      }
      CompletableFuture<Tasquencer> build =
          CompletableFuture.supplyAsync(() -> db.engine(Tasquencer.builder().register(raced)));
      awaitSessionWaitingForALock(db);
      other.commit();
      other.setAutoCommit(true);

      Tasquencer engine = build.get(30, TimeUnit.SECONDS);
      assertThat(engine.internal().initializeRootWorkflow("raced", null)).isNotNull();
    }
    assertThat(db.queryLong("select count(*) from tq_definition where name = 'raced'")).isOne();
  }

  private static void awaitSessionWaitingForALock(TestDatabase db) throws InterruptedException {
    String waiting =
        db.kind() == TestDatabase.Kind.POSTGRES
            ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and datname = current_database()"
            : "select count(*) from information_schema.sessions"
                + " where executing_statement like 'insert into tq_definition%'";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (db.queryLong(waiting) == 0) {
      assertThat(System.nanoTime()).as("the build's insert never waited").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
