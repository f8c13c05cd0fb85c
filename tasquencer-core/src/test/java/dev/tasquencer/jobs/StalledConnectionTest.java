package dev.tasquencer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tasquencer.DataSources;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.FaultProxy;
import dev.tasquencer.testing.Invariants;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Fault injection on PostgreSQL (the connections of H2, an embedded database, cannot stall): a
 * process whose connection goes silent while its call holds a workflow's lock, the session left
 * "idle in transaction" on the server, holds up the healthy workers of that workflow for at most
 * the idle-in-transaction timeout, after which the server ends the stalled session and releases its
 * lock; the healthy workers' lock waits in between are bounded by the lock timeout and retried.
 */
class StalledConnectionTest {
  private static final int ITEMS = 12;
  private static final Duration IDLE_IN_TRANSACTION = Duration.ofSeconds(2);

  /** Scheduling, JVM and database slack on a shared 2-core machine. */
  private static final Duration SLACK = Duration.ofSeconds(6);

  record Work(UUID workItem) {}

  /**
   * start -> t -> end; t has 12 started work items, each with a job that completes it. The items'
   * complete action blackholes {@code proxy} when {@code stallNext} is set: the call goes on, and
   * what it sends next is lost.
   */
  private static WorkflowDefinition def(FaultProxy proxy, AtomicBoolean stallNext) {
    var item =
        Builder.workItem("w")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(
                ctx ->
                    ctx.registerScheduled(
                        Duration.ZERO, Job.of("work", new Work(ctx.workItem().id()))))
            .withActions(
                Builder.workItemActions()
                    .complete(
                        Void.class,
                        (ctx, p) -> {
                          if (stallNext.getAndSet(false)) {
                            proxy.blackhole();
                          }
                        }));
    return Nets.fanOut("stall", "t", ITEMS, item);
  }

  private static TasquencerBuilder limits(WorkflowDefinition def) {
    return Tasquencer.builder()
        .register(def)
        .lockTimeout(Duration.ofMillis(500))
        .statementTimeout(Duration.ofSeconds(10))
        .idleInTransactionTimeout(IDLE_IN_TRANSACTION);
  }

  @Test
  void stalledCallDelaysHealthyWorkersAtMostTheIdleInTransactionTimeout() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        FaultProxy proxy = FaultProxy.forJdbcUrl(db.jdbcUrl());
        // the stalled process's pool: its own read waits are bounded by a short socket timeout
        HikariDataSource stalledPool =
            DataSources.pooled(proxy.jdbcUrl(db.jdbcUrl()) + "&socketTimeout=5", 2)) {
      AtomicBoolean stallNext = new AtomicBoolean();
      WorkflowDefinition def = def(proxy, stallNext);
      Tasquencer healthy = db.engine(limits(def));
      Tasquencer stalled = limits(def).dataSource(stalledPool).build();
      UUID id = healthy.internal().initializeRootWorkflow("stall", null);
      List<UUID> items =
          healthy.queries().workItems(id, "t").stream().map(WorkItemSnapshot::id).toList();

      // the stalled process completes an item: it locks the workflow, then its connection stalls
      stallNext.set(true);
      long t0 = System.nanoTime();
      CompletableFuture<Void> stalledCall =
          CompletableFuture.runAsync(() -> stalled.completeWorkItem(items.get(0), null));
      awaitIdleInTransaction(db);

      JobWorker worker =
          healthy
              .jobWorker()
              .threads(4)
              .pollInterval(Duration.ofMillis(50))
              .handler(
                  "work",
                  JobHandler.inTransaction(
                      Work.class, (ctx, w) -> ctx.commands().completeWorkItem(w.workItem(), null)))
              .build();
      try (worker) {
        worker.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (healthy.queries().workflowState(id) != WorkflowState.COMPLETED
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      Duration held = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(healthy.queries().workflowState(id)).isEqualTo(WorkflowState.COMPLETED);
      assertThat(held)
          .as("the healthy worker finished the workflow's %d jobs after", ITEMS)
          .isLessThan(IDLE_IN_TRANSACTION.plus(SLACK));
      assertThat(healthy.queries().jobs(JobState.DONE, 100)).hasSize(ITEMS);

      // the stalled call fails (its socket timeout), and nothing of it was committed
      assertThatThrownBy(() -> stalledCall.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(DataAccessException.class);
      assertThat(healthy.queries().workItem(items.get(0)).state())
          .isEqualTo(WorkItemState.COMPLETED);
      stalled.close();
      Invariants.check(db.dataSource());
    }
  }

  /** Waits until the server shows a session of this database idle inside a transaction. */
  private static void awaitIdleInTransaction(TestDatabase db) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs =
            s.executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and state = 'idle in transaction'")) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("no session became idle in transaction");
  }

  /**
   * The PostgreSQL pools {@link DataSources} makes bound connecting and reading (the URL may say
   * otherwise), so a call on a connection that went silent fails instead of waiting for ever.
   */
  @Test
  void pooledPostgresConnectionsBoundTheirWaits() throws Exception {
    try (TestDatabase db = TestDatabase.postgres();
        FaultProxy proxy = FaultProxy.forJdbcUrl(db.jdbcUrl());
        HikariDataSource defaults = DataSources.pooled(db.jdbcUrl(), 1);
        HikariDataSource shortRead =
            DataSources.pooled(proxy.jdbcUrl(db.jdbcUrl()) + "&socketTimeout=1", 1)) {
      assertThat(defaults.getDataSourceProperties())
          .containsEntry("connectTimeout", "10")
          .containsEntry("loginTimeout", "15")
          .containsEntry("socketTimeout", "120")
          .containsEntry("tcpKeepAlive", "true");
      assertThat(defaults.getConnectionTimeout()).isEqualTo(DataSources.CONNECTION_TIMEOUT_MS);

      try (Connection c = shortRead.getConnection();
          Statement s = c.createStatement()) {
        s.execute("select 1");
        proxy.blackhole();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> s.execute("select 1")).hasMessageContaining("I/O error");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      }
    }
  }
}
