package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.error.ConcurrencyException;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The time limits the engine sets on its database sessions: a lock wait longer than the lock
 * timeout is retried like a conflict and then raises {@link ConcurrencyException}; a statement
 * running longer than the statement timeout is canceled; the settings are checked when the engine
 * is built.
 */
class TimeLimitsTest {
  /** A slow statement on both databases: a recursive count to 20 million. */
  private static final String SLOW_SQL =
      "with recursive r(n) as (select 1 union all select n + 1 from r where n < 20000000)"
          + " select count(*) from r";

  /**
   * start -> t -> end; t has two started work items whose complete action runs {@code action} (the
   * context and the item's id).
   */
  private static WorkflowDefinition twoItems(BiConsumer<dev.tasquencer.api.Db, UUID> action) {
    var item =
        Builder.workItem("w")
            .onInitialized(ctx -> ctx.workItem().start())
            .withActions(
                Builder.workItemActions()
                    .complete(
                        Void.class, (ctx, p) -> action.accept(ctx.db(), ctx.workItem().id())));
    return Nets.fanOut("limits", "t", 2, item);
  }

  private static List<UUID> items(Tasquencer engine, UUID workflow) {
    return engine.queries().workItems(workflow, "t").stream().map(WorkItemSnapshot::id).toList();
  }

  @DbTest
  void lockWaitLongerThanTheLockTimeoutIsRetriedThenRaisesConcurrencyException(TestDatabase db)
      throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    UUID[] holder = new UUID[1];
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .register(
                    twoItems(
                        (sql, item) -> {
                          if (item.equals(holder[0])) { // keeps the workflow locked a while
                            holding.countDown();
                            await(release, 15);
                          }
                        }))
                .lockTimeout(Duration.ofMillis(200))
                .maxAttempts(3));
    UUID id = engine.internal().initializeRootWorkflow("limits", null);
    List<UUID> items = items(engine, id);
    holder[0] = items.get(0);
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> engine.completeWorkItem(items.get(0), null));
    try {
      assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

      long t0 = System.nanoTime();
      assertThatThrownBy(() -> engine.completeWorkItem(items.get(1), null))
          .isInstanceOf(ConcurrencyException.class)
          .hasMessageContaining("lock timeout (200 ms)")
          .hasMessageContaining("3 times");
      long waitedMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(waitedMs).as("three waits of 200 ms, then given up").isBetween(600L, 5_000L);
    } finally {
      release.countDown();
    }
    first.get(10, TimeUnit.SECONDS);

    engine.completeWorkItem(items.get(1), null); // the lock is free again
    assertThat(engine.queries().workItem(items.get(1)).state()).isEqualTo(WorkItemState.COMPLETED);
  }

  @DbTest
  void statementRunningLongerThanTheStatementTimeoutIsCanceled(TestDatabase db) {
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .register(twoItems((sql, item) -> sql.queryLong(SLOW_SQL)))
                .lockTimeout(Duration.ofMillis(100))
                .statementTimeout(Duration.ofMillis(300)));
    UUID id = engine.internal().initializeRootWorkflow("limits", null);
    UUID item = items(engine, id).get(0);

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> engine.completeWorkItem(item, null))
        .isInstanceOf(DataAccessException.class);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000L);
    assertThat(engine.queries().workItem(item).state()).isEqualTo(WorkItemState.STARTED);
  }

  @Test
  void timeLimitsAreChecked() {
    TasquencerBuilder b = Tasquencer.builder();
    assertThatThrownBy(() -> b.lockTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("lockTimeout must not be negative");
    assertThatThrownBy(() -> b.idleInTransactionTimeout(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("idleInTransactionTimeout must not be null");
    try (TestDatabase db = TestDatabase.h2()) {
      assertThatThrownBy(
              () ->
                  Tasquencer.builder()
                      .dataSource(db.dataSource())
                      .lockTimeout(Duration.ofSeconds(5))
                      .statementTimeout(Duration.ofSeconds(5))
                      .build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("lockTimeout (PT5S) must be shorter than statementTimeout (PT5S)");
      // zero leaves the database's setting: no conflict to check
      Tasquencer.builder()
          .dataSource(db.dataSource())
          .lockTimeout(Duration.ofSeconds(5))
          .statementTimeout(Duration.ZERO)
          .build()
          .close();
    }
  }

  private static void await(CountDownLatch latch, int seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
