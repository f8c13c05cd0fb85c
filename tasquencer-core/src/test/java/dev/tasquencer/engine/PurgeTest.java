package dev.tasquencer.engine;

import static dev.tasquencer.engine.PurgeTrees.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.PurgeResult;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.WorkflowInvalidStateException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.internal.store.MessageStore;
import dev.tasquencer.internal.store.Purge;
import dev.tasquencer.testing.CountingDataSource;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * {@code engine.purge(finishedBefore, batchSize)}: finished root trees go with every row they own,
 * in batches of their own transactions; running trees, and trees that finished later, stay exactly
 * as they were.
 */
class PurgeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant CUTOFF = T0.plus(Duration.ofDays(1));

  private record Setup(Tasquencer engine, ManualClock clock) {
    Driver start() {
      return Driver.start(engine, ORDER);
    }
  }

  private static Setup setup(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    return new Setup(
        db.engine(Tasquencer.builder().clock(clock).register(PurgeTrees.order())), clock);
  }

  private static void assertGone(Tasquencer engine, TestDatabase db, List<UUID> roots) {
    assertThat(PurgeTrees.counts(db, roots)).allSatisfy((table, n) -> assertThat(n).isZero());
    for (UUID root : roots) {
      assertThatThrownBy(() -> engine.queries().workflowState(root))
          .isInstanceOf(WorkflowNotFoundException.class);
    }
  }

  @DbTest
  void finishedRootsGoWithTheirWholeTreeAndNothingElseChanges(TestDatabase db) {
    Setup s = setup(db);
    Driver completed = PurgeTrees.completed(s.start());
    Driver failed = PurgeTrees.failed(s.start());
    Driver canceled = PurgeTrees.canceled(s.start());
    Driver shipped = PurgeTrees.shipped(s.start()); // running, both children completed
    Driver partly = s.start();
    PurgeTrees.toShip(partly);
    PurgeTrees.shipments(partly).get(0).fire("pack"); // running, one child completed
    Driver fresh = s.start(); // not finished, with a pending job
    WorkflowState freshState = fresh.state();
    s.clock.advance(Duration.ofDays(2));
    Driver later = PurgeTrees.completed(s.start()); // finished after the cutoff
    // A refused call on a finished tree leaves a failed attempt; time travel over a long history
    // leaves checkpoints (it takes a thousand events to make one, so one is written here).
    assertThatThrownBy(() -> completed.cmd().cancelWorkflow(completed.id))
        .isInstanceOf(WorkflowInvalidStateException.class);
    PurgeTrees.checkpoint(db, failed.id);

    List<UUID> purged = List.of(completed.id, failed.id, canceled.id);
    List<UUID> kept = List.of(shipped.id, partly.id, fresh.id, later.id);
    Map<String, Long> owned = PurgeTrees.counts(db, purged);
    // A finished tree holds no message waits (a wait ends with its work item, Invariants checks
    // it); the purge deletes by root from that table all the same.
    assertThat(owned).containsEntry(MessageStore.WAIT, 0L);
    assertThat(owned)
        .as("the finished trees hold rows in every table a purge deletes from")
        .allSatisfy(
            (table, n) -> assertThat(n).isGreaterThan(table.equals(MessageStore.WAIT) ? -1 : 0));
    var keptRows = PurgeTrees.rowsOf(db, kept);

    PurgeResult r = s.engine.purge(CUTOFF, 2);

    assertThat(r.rootsDeleted()).isEqualTo(3);
    assertThat(r.batches()).as("2 roots, then 1").isEqualTo(2);
    assertThat(r.moreRemain()).isFalse();
    assertThat(r.rowsDeleted()).isEqualTo(owned);
    assertThat(r.rowsDeleted().keySet()).containsExactlyElementsOf(Purge.tableNames());
    assertThat(r.rowsDeleted("tq_workflow"))
        .as("3 roots, the 2 shipments of the completed and of the canceled one")
        .isEqualTo(7);
    assertGone(s.engine, db, purged);
    assertThat(PurgeTrees.rowsOf(db, kept))
        .as("the rows of the running trees and of the tree finished later, unchanged")
        .isEqualTo(keptRows);
    assertThat(PurgeTrees.shipments(shipped))
        .as("finished children of a running root stay")
        .allMatch(c -> c.state() == WorkflowState.COMPLETED);

    assertThatThrownBy(() -> completed.cmd().cancelWorkflow(completed.id))
        .isInstanceOf(WorkflowNotFoundException.class);
    PurgeResult again = s.engine.purge(CUTOFF, 2);
    assertThat(again.rootsDeleted()).isZero();
    assertThat(again.batches()).isZero();
    assertThat(again.totalRowsDeleted()).isZero();

    // the running ones go on as if nothing happened, and go once they are finished and old enough
    shipped.fire("invoice");
    PurgeTrees.shipments(partly).get(1).fire("pack");
    partly.fire("invoice");
    assertThat(s.engine.purge(s.clock.instant(), 10).rootsDeleted())
        .as("the orders finished at T0 + 2 days are not older than that")
        .isZero();
    s.clock.advance(Duration.ofSeconds(1));
    assertThat(s.engine.purge(s.clock.instant(), 10).rootsDeleted()).isEqualTo(3);
    assertThat(fresh.state()).isEqualTo(freshState);
  }

  @DbTest
  void aRootAnotherCallHoldsIsSkippedNotWaitedFor(TestDatabase db) throws Exception {
    Setup s = setup(db);
    Driver held = PurgeTrees.completed(s.start());
    Driver free = PurgeTrees.completed(s.start());
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("select id from tq_workflow where id = ? for update")) {
        ps.setObject(1, held.id);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
        }
      }
      long start = System.nanoTime();
      PurgeResult r = s.engine.purge(CUTOFF, 10);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("no wait for the lock (the lock timeout is 10 s)")
          .isLessThan(Duration.ofSeconds(5));
      assertThat(r.rootsDeleted()).isEqualTo(1);
      assertThat(r.moreRemain()).as("the held root still qualifies").isTrue();
      assertGone(s.engine, db, List.of(free.id));
      assertThat(held.state()).isEqualTo(WorkflowState.COMPLETED);
      c.rollback();
    }
    PurgeResult r = s.engine.purge(CUTOFF, 10);
    assertThat(r.rootsDeleted()).isEqualTo(1);
    assertThat(r.moreRemain()).isFalse();
    assertGone(s.engine, db, List.of(held.id));
  }

  /**
   * A call that finishes a root holds the root's lock until it commits: a purge meanwhile leaves
   * the root alone (it is neither final in the database nor free), and the next purge takes it.
   */
  @DbTest
  void aRootWhoseFinishingCallHasNotCommittedIsLeftToTheNextPurge(TestDatabase db)
      throws Exception {
    CountDownLatch inCall = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean hold = new AtomicBoolean();
    var item =
        Builder.workItem("slow")
            .onCompleted(
                ctx -> {
                  if (hold.get()) {
                    inCall.countDown();
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                  }
                });
    var def =
        Nets.oneTask("slow-end", "t", Builder.task(item).onEnabled(c -> c.workItem().initialize()))
            .build();
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine = db.engine(Tasquencer.builder().clock(clock).register(def));
    Driver done = Driver.start(engine, "slow-end");
    done.fire("t");
    Driver finishing = Driver.start(engine, "slow-end");
    UUID last = finishing.initialized("t");
    finishing.start(last);

    hold.set(true);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      var call = pool.submit(() -> engine.internal().completeWorkItem(last));
      assertThat(inCall.await(30, TimeUnit.SECONDS)).isTrue();
      PurgeResult during = engine.purge(CUTOFF, 10);
      assertThat(during.rootsDeleted()).isEqualTo(1);
      assertThat(during.moreRemain()).isFalse();
      assertGone(engine, db, List.of(done.id));
      release.countDown();
      call.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    assertThat(finishing.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(engine.purge(CUTOFF, 10).rootsDeleted()).isEqualTo(1);
    assertGone(engine, db, List.of(finishing.id));
  }

  /**
   * 10,000 finished trees (three made by the engine, the rest copies of them made with SQL) go in
   * 20 batches of 500, each its own transaction; afterwards no row of any purged table belongs to a
   * tree that does not exist, and the 150 trees that must stay are unchanged.
   */
  @DbTest
  void tenThousandFinishedRootsGoInBatchesOf500AndLeaveNoOrphans(TestDatabase db) {
    var counting = new CountingDataSource(db.dataSource());
    ManualClock clock = new ManualClock(T0);
    try (Tasquencer engine =
        Tasquencer.builder()
            .dataSource(counting)
            .clock(clock)
            .register(PurgeTrees.order())
            .build()) {
      Supplier<Driver> start = () -> Driver.start(engine, ORDER);
      List<UUID> templates =
          List.of(
              PurgeTrees.completed(start.get()).id,
              PurgeTrees.failed(start.get()).id,
              PurgeTrees.canceled(start.get()).id);
      Driver partly = start.get();
      PurgeTrees.toShip(partly);
      PurgeTrees.shipments(partly).get(0).fire("pack");
      List<UUID> running = List.of(PurgeTrees.shipped(start.get()).id, partly.id, start.get().id);
      clock.advance(Duration.ofDays(2));
      UUID later = PurgeTrees.completed(start.get()).id;

      List<UUID> finished = new ArrayList<>(templates);
      finished.addAll(PurgeTrees.copy(db, templates, 3332));
      finished.add(PurgeTrees.copy(db, List.of(templates.get(0)), 1).get(0));
      assertThat(finished).hasSize(10_000).doesNotHaveDuplicates();
      List<UUID> kept = new ArrayList<>(running);
      kept.add(later);
      kept.addAll(PurgeTrees.copy(db, kept, 37)); // 152 trees that must stay
      Map<String, Long> owned = PurgeTrees.counts(db, finished);
      var keptRows = PurgeTrees.rowsOf(db, kept);

      Logger log = (Logger) LoggerFactory.getLogger("dev.tasquencer.purge");
      ListAppender<ILoggingEvent> batches = new ListAppender<>();
      Level level = log.getLevel();
      boolean additive = log.isAdditive();
      batches.start();
      log.addAppender(batches);
      log.setLevel(Level.INFO);
      log.setAdditive(false);
      PurgeResult r;
      long commits = counting.commits.get();
      try {
        r = engine.purge(CUTOFF, 500);
      } finally {
        log.detachAppender(batches);
        log.setLevel(level);
        log.setAdditive(additive);
      }
      assertThat(r.rootsDeleted()).isEqualTo(10_000);
      assertThat(r.batches()).isEqualTo(20);
      assertThat(r.moreRemain()).isFalse();
      assertThat(r.rowsDeleted()).isEqualTo(owned);
      assertThat(counting.commits.get() - commits)
          .as("a transaction per batch, and one that found nothing left")
          .isEqualTo(21);
      assertThat(batches.list)
          .as("one log line per batch, each with its number of roots")
          .hasSize(20)
          .allSatisfy(e -> assertThat(e.getArgumentArray()[1]).isEqualTo(500));

      for (var orphans : Purge.orphanQueries().entrySet()) {
        assertThat(db.rows(orphans.getValue()))
            .as("rows of %s whose tree is gone", orphans.getKey())
            .isEmpty();
      }
      assertThat(PurgeTrees.counts(db, finished)).allSatisfy((t, n) -> assertThat(n).isZero());
      assertThat(PurgeTrees.rowsOf(db, kept)).isEqualTo(keptRows);
      assertThat(db.queryLong("select count(*) from tq_workflow where parent_workflow_id is null"))
          .isEqualTo(kept.size());
    }
  }

  /**
   * Calls that finish roots race with purges that would take any finished root: a purge takes a
   * root only once the call that finished it has committed, and never one that is still running, so
   * no call ever finds its workflow gone.
   */
  @DbTest
  void purgesRacingWithCallsThatFinishRootsNeverTakeARunningTree(TestDatabase db) throws Exception {
    Tasquencer engine = db.engine(Nets.fanOut("pair", "t", 2, Nets.NOOP));
    int roots = 60;
    List<UUID> ids = new ArrayList<>();
    List<UUID> items = new ArrayList<>();
    for (int i = 0; i < roots; i++) {
      UUID id = engine.internal().initializeRootWorkflow("pair", null);
      ids.add(id);
      for (var w : engine.queries().workItems(id, "t")) {
        engine.internal().startWorkItem(w.id());
        items.add(w.id());
      }
    }
    Collections.shuffle(items, new Random(12));
    var queue = new ConcurrentLinkedQueue<>(items);
    var errors = new ConcurrentLinkedQueue<Throwable>();
    var deleted = new AtomicInteger();
    var completersDone = new CountDownLatch(3);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int t = 0; t < 3; t++) {
        pool.submit(
            () -> {
              try {
                for (UUID w = queue.poll(); w != null; w = queue.poll()) {
                  engine.internal().completeWorkItem(w);
                }
              } catch (Throwable e) {
                errors.add(e);
              } finally {
                completersDone.countDown();
              }
            });
      }
      var purger =
          pool.submit(
              () -> {
                while (completersDone.getCount() > 0) {
                  deleted.addAndGet(
                      engine.purge(Instant.now().plusSeconds(3600), 7).rootsDeleted());
                }
                return null;
              });
      assertThat(completersDone.await(120, TimeUnit.SECONDS)).isTrue();
      purger.get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(errors).as("no call found its workflow gone").isEmpty();
    deleted.addAndGet(engine.purge(Instant.now().plusSeconds(3600), 7).rootsDeleted());
    assertThat(deleted.get()).isEqualTo(roots);
    assertThat(PurgeTrees.counts(db, ids)).allSatisfy((t, n) -> assertThat(n).isZero());
  }

  @DbTest
  void purgeChecksItsArguments(TestDatabase db) {
    Setup s = setup(db);
    assertThatThrownBy(() -> s.engine.purge(null, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("finishedBefore must not be null");
    assertThatThrownBy(() -> s.engine.purge(CUTOFF, 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("batchSize must be at least 1, was 0");
  }
}
