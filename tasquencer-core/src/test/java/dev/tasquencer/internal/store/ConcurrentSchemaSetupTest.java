package dev.tasquencer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.DataSources;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.error.ConcurrencyException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.FaultProxy;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Engines starting at the same moment on a database that holds the application's tables but no
 * engine schema yet all start: the schema is set up once, by one of them, while the others wait for
 * it. On PostgreSQL by 8 JVM processes (what a deployment of several nodes does); on H2, whose
 * in-memory and embedded databases belong to one process, by 8 threads of this JVM, each with its
 * own connection pool.
 */
class ConcurrentSchemaSetupTest {
  private static final int STARTERS = 8;
  private static final long NETWORK_DELAY_MS = 5;

  /** The longest pause between two processes' go: their starts spread over a few hundred ms. */
  private static final long MAX_GAP_MS = 60;

  private static final String HISTORY = '"' + Migrations.HISTORY_TABLE + '"';

  /** The application's own table: the engine joins a database that is in use already. */
  private static void createApplicationTable(TestDatabase db) {
    db.sql("create table customer (id bigint primary key, name varchar(100))");
  }

  /** The definition every starter registers (its structure is recorded at start-up too). */
  static WorkflowDefinition definition() {
    return Nets.singleTask("setup-race");
  }

  /**
   * One starting process: loads what it needs, says "ready", waits for a line on stdin, then builds
   * an engine on the URL given as its argument (migrations and all), and says "started" or "failed:
   * ..." and exits with 0 or 1.
   */
  public static final class Starter {
    public static void main(String[] args) throws Exception {
      WorkflowDefinition definition = definition();
      var ds = DataSources.pooled(args[0], 2);
      ds.getConnection().close();
      // warm up: the first Flyway run of a JVM loads and scans far more than the next ones
      Migrations.flyway(ds, new PostgresDialect()).info();
      System.out.println("ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      try (Tasquencer engine = Tasquencer.builder().dataSource(ds).register(definition).build()) {
        System.out.println("started " + engine.definitions().size());
        System.exit(0);
      } catch (RuntimeException e) {
        System.out.println("failed: " + e);
        System.exit(1);
      }
    }

    private Starter() {}
  }

  @Test
  void eightProcessesStartingOnAnEmptyPostgresDatabaseAllStart() throws Exception {
    try (TestDatabase db = TestDatabase.postgres(false);
        FaultProxy slowNetwork = FaultProxy.forJdbcUrl(db.jdbcUrl())) {
      // every round trip takes a few milliseconds more, as on a network: the steps of schema
      // setup take longer, and those of the processes overlap more
      slowNetwork.delay(NETWORK_DELAY_MS);
      List<Process> processes = new ArrayList<>();
      List<StringBuffer> outputs = new ArrayList<>();
      CountDownLatch ready = new CountDownLatch(STARTERS);
      try {
        for (int i = 0; i < STARTERS; i++) {
          Process p = starter(slowNetwork.jdbcUrl(db.jdbcUrl()));
          processes.add(p);
          outputs.add(collect(p, ready));
        }
        assertThat(ready.await(120, TimeUnit.SECONDS)).as("all processes ready").isTrue();
        // go, one after the other within a few hundred milliseconds: wherever one process is in
        // its setup, another one is at an earlier step
        for (Process p : processes) {
          OutputStream in = p.getOutputStream();
          in.write('\n');
          in.flush();
          Thread.sleep(ThreadLocalRandom.current().nextLong(MAX_GAP_MS));
        }
        for (int i = 0; i < STARTERS; i++) {
          Process p = processes.get(i);
          assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process %d ended", i).isTrue();
          assertThat(p.exitValue()).as("process %d: %s", i, outputs.get(i)).isZero();
        }
      } finally {
        processes.forEach(Process::destroyForcibly);
      }
      assertSchemaSetUpOnce(db);
    }
  }

  @Test
  void eightThreadsStartingOnAnEmptyH2DatabaseAllStart() throws Exception {
    try (TestDatabase db = TestDatabase.h2()) {
      createApplicationTable(db);
      ExecutorService pool = Executors.newFixedThreadPool(STARTERS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> started = new ArrayList<>();
      try {
        for (int i = 0; i < STARTERS; i++) {
          Callable<Void> start =
              () -> {
                try (var ds = DataSources.pooled(db.jdbcUrl(), 2)) {
                  go.await();
                  Tasquencer.builder().dataSource(ds).register(definition()).build().close();
                }
                return null;
              };
          started.add(pool.submit(start));
        }
        go.countDown();
        for (Future<?> f : started) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertSchemaSetUpOnce(db);
    }
  }

  /**
   * While another process holds the schema setup lock (here: a connection of the test), an engine
   * starting on the database waits for it instead of running Flyway, and gives up with a typed
   * error when the wait runs out; it starts once the lock is released.
   */
  @DbTest
  void schemaSetupWaitsForTheProcessHoldingTheSetupLock(TestDatabase db) throws Exception {
    DataSource ds = db.dataSource();
    try (Connection other = ds.getConnection()) {
      Dialect dialect = Dialect.detect(other);
      boolean autoCommit = other.getAutoCommit();
      assertThat(dialect.tryLockSchemaSetup(other)).isTrue();

      assertThatThrownBy(() -> Migrations.migrate(ds, dialect, Duration.ofMillis(300)))
          .isInstanceOf(ConcurrencyException.class)
          .hasMessageContaining("another process has been setting up the engine's schema");

      ExecutorService starter = Executors.newSingleThreadExecutor();
      try {
        Future<Tasquencer> engine =
            starter.submit(
                () -> Tasquencer.builder().dataSource(ds).register(definition()).build());
        Thread.sleep(500);
        assertThat(engine.isDone()).as("the engine waits for the setup lock").isFalse();

        dialect.unlockSchemaSetup(other);
        other.setAutoCommit(autoCommit);
        engine.get(30, TimeUnit.SECONDS).close();
      } finally {
        starter.shutdownNow();
      }
    }
    assertSchemaSetUpOnce(db);
  }

  /** Every migration is recorded once, as a success; the definition once. */
  private static void assertSchemaSetUpOnce(TestDatabase db) {
    String history = "migrations: " + db.rows("select * from " + HISTORY);
    assertThat(db.queryLong("select count(*) from " + HISTORY + " where not \"success\""))
        .as(history)
        .isZero();
    assertThat(db.queryLong("select count(\"version\") from " + HISTORY))
        .as(history)
        .isEqualTo(db.queryLong("select count(distinct \"version\") from " + HISTORY))
        .isGreaterThanOrEqualTo(4);
    assertThat(db.queryLong("select count(*) from tq_definition where name = 'setup-race'"))
        .isEqualTo(1);
  }

  private static Process starter(String url) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            Starter.class.getName(),
            url)
        .redirectErrorStream(true)
        .start();
  }

  /** Copies a process's output into the returned buffer; counts down when it says "ready". */
  private static StringBuffer collect(Process p, CountDownLatch ready) {
    StringBuffer out = new StringBuffer();
    Thread t =
        new Thread(
            () ->
                p.inputReader(StandardCharsets.UTF_8)
                    .lines()
                    .forEach(
                        line -> {
                          out.append(line).append('\n');
                          if (line.equals("ready")) {
                            ready.countDown();
                          }
                        }));
    t.setDaemon(true);
    t.start();
    return out;
  }
}
