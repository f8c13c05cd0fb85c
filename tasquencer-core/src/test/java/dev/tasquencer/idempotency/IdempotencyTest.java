package dev.tasquencer.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ExternalCommands;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.api.error.IdempotencyKeyReusedException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.api.error.NotClaimantException;
import dev.tasquencer.api.error.TasquencerException;
import dev.tasquencer.api.error.WorkflowNotSuspendedException;
import dev.tasquencer.api.error.WorkflowSuspendedException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idempotent external calls (docs/idempotency.md): a repeat with the same key and arguments gets
 * the first call's outcome (result or typed error) without running anything; another call with the
 * key is refused; a user's exception stores nothing; concurrent calls with one key have one effect;
 * keys expire and are purged.
 */
class IdempotencyTest {
  private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
  private static final Actor SHOP = Actor.system("shop");
  private static final Actor OPS = Actor.user("ops");
  private static final Actor ANN = Actor.user("ann");
  private static final Actor BOB = Actor.user("bob");

  record Order(String customer, int amount) {}

  record Decision(String note) {}

  /** A typed error the application defines: not one of the engine's API classes. */
  static final class OwnError extends ConstraintViolationException {
    private static final long serialVersionUID = 1L;

    OwnError(String message) {
      super(message);
    }

    @Override
    public String code() {
      return "OWN_ERROR";
    }
  }

  /** The engine and what its user code counts. */
  private static final class Setup {
    final AtomicInteger initActions = new AtomicInteger();
    final AtomicInteger onInitialized = new AtomicInteger();
    final AtomicInteger completeActions = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();

    /** While set, a decision with note "bug" makes the complete action throw a user exception. */
    final AtomicBoolean bug = new AtomicBoolean(true);

    final ManualClock clock = new ManualClock(T0);
    final TestDatabase db;
    final Tasquencer engine;

    /** The commands of the operator. */
    final ExternalCommands ops;

    Setup(TestDatabase db, Duration expiry, boolean retention) {
      this.db = db;
      db.sql("create table decisions (note varchar(100))");
      var b =
          Tasquencer.builder()
              .clock(clock)
              .register(order(), desk())
              .idempotencyKeysExpireAfter(expiry);
      if (retention) {
        b.retention(Duration.ofDays(365), 2, Duration.ofMinutes(5));
      }
      this.engine = db.engine(b);
      this.ops = engine.as(OPS);
    }

    /**
     * "order": start -> review -> end. Its initialize action (open to any actor) counts, and its
     * onInitialized registers a job; the review item's complete action counts, writes a domain row,
     * and throws a typed error for the note "typed" and a user's exception for "bug" (while {@link
     * #bug} is set).
     */
    private WorkflowDefinition order() {
      return Builder.workflow("order")
          .withActions(
              Builder.workflowActions()
                  .initialize(
                      Order.class,
                      Policy.anyActor(),
                      (ctx, o) -> {
                        initActions.incrementAndGet();
                        if (o.customer().equals("slow")) {
                          Thread.sleep(300); // the other callers arrive meanwhile
                        }
                      })
                  .cancel(Void.class, Policy.anyActor()))
          .onInitialized(
              ctx -> {
                onInitialized.incrementAndGet();
                ctx.registerScheduled(Duration.ofDays(30), Job.of("test.never", null));
              })
          .startCondition("start")
          .task(
              "review",
              Builder.task(
                      Builder.workItem("review")
                          .withActions(
                              Builder.workItemActions()
                                  .start(Void.class, Policy.anyActor())
                                  .complete(
                                      Decision.class,
                                      Policy.anyActor(),
                                      (ctx, d) -> {
                                        completeActions.incrementAndGet();
                                        ctx.db()
                                            .update(
                                                "insert into decisions (note) values (?)",
                                                d.note());
                                        if (d.note().equals("own")) {
                                          throw new OwnError("an error class of the application");
                                        }
                                        if (d.note().equals("typed")) {
                                          throw new ConstraintViolationException(
                                              "the decision 'typed' is refused");
                                        }
                                        if (d.note().equals("conflict")
                                            && conflicts.getAndIncrement() == 0) {
                                          // what a serialization failure looks like to the engine
                                          throw new DataAccessException(
                                              "conflict",
                                              new SQLException("could not serialize", "40001"));
                                        }
                                        if (d.note().equals("bug") && bug.get()) {
                                          throw new IllegalStateException("a bug in user code");
                                        }
                                      })))
                  .onEnabled(ctx -> ctx.workItem().initialize()))
          .endCondition("end")
          .connectCondition("start", to -> to.task("review"))
          .connectTask("review", to -> to.condition("end"))
          .build();
    }

    /** "desk": start -> handle -> end; the handle item is offered to the users ann and bob. */
    private static WorkflowDefinition desk() {
      return Nets.oneTask(
              "desk",
              "handle",
              Builder.task(
                      Builder.workItem("handle")
                          .withActions(
                              Builder.workItemActions().start(Void.class, Policy.anyActor()))
                          .offer(Offer.toUsers("ann", "bob")))
                  .onEnabled(ctx -> ctx.workItem().initialize()))
          .build();
    }

    long history() {
      return db.queryLong("select count(*) from tq_history");
    }

    long jobs() {
      return db.queryLong("select count(*) from tq_job");
    }

    long keys() {
      return db.queryLong("select count(*) from tq_idempotency");
    }

    long decisions() {
      return db.queryLong("select count(*) from decisions");
    }

    /** A new order, made by the shop. */
    Driver newOrder() {
      return new Driver(
          engine, engine.as(SHOP).initializeRootWorkflow("order", new Order("ann", 1)));
    }

    /** The review item of the order, started. */
    UUID startedReview(Driver d) {
      UUID wi = d.initialized("review");
      engine.as(OPS).startWorkItem(wi);
      return wi;
    }
  }

  private static Setup setup(TestDatabase db) {
    return new Setup(db, Duration.ofHours(24), false);
  }

  // ------------------------------------------------------------------------------ repeats

  @DbTest
  void repeatOfInitializeReturnsTheSameIdAndRunsNothing(TestDatabase db) {
    var s = setup(db);
    ExternalCommands shop = s.engine.as(SHOP);
    UUID first = shop.idempotent("order-1").initializeRootWorkflow("order", new Order("ann", 10));
    assertThat(s.initActions).hasValue(1);
    assertThat(s.onInitialized).hasValue(1);
    long history = s.history();
    long jobs = s.jobs();
    DbSnapshot after = DbSnapshot.take(db, "decisions");

    // the caller did not hear the answer and sends the request again, on a new view
    UUID again = shop.idempotent("order-1").initializeRootWorkflow("order", new Order("ann", 10));
    assertThat(again).isEqualTo(first);
    // nothing ran: no action, no hook, no history, no job, no row changed
    assertThat(s.initActions).hasValue(1);
    assertThat(s.onInitialized).hasValue(1);
    assertThat(s.history()).isEqualTo(history);
    assertThat(s.jobs()).isEqualTo(jobs);
    assertThat(DbSnapshot.take(db, "decisions")).isEqualTo(after);
    assertThat(db.queryLong("select count(*) from tq_workflow")).isEqualTo(1);

    // another key is another request
    UUID second = shop.idempotent("order-2").initializeRootWorkflow("order", new Order("ann", 10));
    assertThat(second).isNotEqualTo(first);
    assertThat(s.initActions).hasValue(2);
    assertThat(s.keys()).isEqualTo(2);
  }

  @DbTest
  void repeatsOfWorkItemCommandsAndCancelRunOnce(TestDatabase db) {
    var s = setup(db);
    var d = s.newOrder();
    UUID wi = d.initialized("review");

    s.ops.idempotent("start-1").startWorkItem(wi);
    long history = s.history();
    // without a key the repeat would be refused: the item is started already
    assertThatThrownBy(() -> s.ops.startWorkItem(wi))
        .isInstanceOf(InvalidStateTransitionException.class);
    s.engine.as(OPS).idempotent("start-1").startWorkItem(wi);
    assertThat(s.history()).isEqualTo(history);

    s.engine.as(OPS).idempotent("complete-1").completeWorkItem(wi, new Decision("ok"));
    DbSnapshot done = DbSnapshot.take(db, "decisions");
    s.engine.as(OPS).idempotent("complete-1").completeWorkItem(wi, new Decision("ok"));
    assertThat(s.completeActions).hasValue(1);
    assertThat(s.decisions()).isEqualTo(1);
    assertThat(DbSnapshot.take(db, "decisions")).isEqualTo(done);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);

    var other =
        new Driver(s.engine, s.engine.as(SHOP).initializeRootWorkflow("order", new Order("cy", 5)));
    s.engine.as(OPS).idempotent("cancel-1").cancelWorkflow(other.id);
    DbSnapshot canceled = DbSnapshot.take(db, "decisions");
    s.engine.as(OPS).idempotent("cancel-1").cancelWorkflow(other.id);
    assertThat(DbSnapshot.take(db, "decisions")).isEqualTo(canceled);
    assertThat(other.state()).isEqualTo(WorkflowState.CANCELED);
  }

  @DbTest
  void claimPriorityAndDelegationWithAKeyRunOnce(TestDatabase db) {
    var s = setup(db);
    UUID wi =
        new Driver(s.engine, s.engine.internal().initializeRootWorkflow("desk", null))
            .initialized("handle");
    ExternalCommands ann = s.engine.as(ANN);

    ann.idempotent("claim-1").claimWorkItem(wi);
    DbSnapshot claimed = DbSnapshot.take(db);
    ann.idempotent("claim-1").claimWorkItem(wi);
    ann.idempotent("prio-1").setWorkItemPriority(wi, 5, T0);
    DbSnapshot prioritized = DbSnapshot.take(db);
    assertThat(prioritized).isNotEqualTo(claimed);
    ann.idempotent("prio-1").setWorkItemPriority(wi, 5, T0);
    assertThat(DbSnapshot.take(db)).isEqualTo(prioritized);
    assertThatThrownBy(() -> ann.idempotent("prio-1").setWorkItemPriority(wi, 6, T0))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThatThrownBy(() -> ann.idempotent("prio-1").setWorkItemPriority(wi, 5, null))
        .isInstanceOf(IdempotencyKeyReusedException.class);

    ann.idempotent("give-1").delegateWorkItem(wi, BOB);
    DbSnapshot delegated = DbSnapshot.take(db);
    // ann holds it no longer: without the key she is refused; with it, she hears "done" again
    assertThatThrownBy(() -> ann.delegateWorkItem(wi, BOB))
        .isInstanceOf(NotClaimantException.class);
    ann.idempotent("give-1").delegateWorkItem(wi, BOB);
    assertThat(DbSnapshot.take(db)).isEqualTo(delegated);
    assertThatThrownBy(() -> ann.idempotent("give-1").delegateWorkItem(wi, ANN))
        .isInstanceOf(IdempotencyKeyReusedException.class);

    s.engine.as(BOB).idempotent("release-1").releaseWorkItem(wi);
    DbSnapshot released = DbSnapshot.take(db);
    s.engine.as(BOB).idempotent("release-1").releaseWorkItem(wi);
    assertThat(DbSnapshot.take(db)).isEqualTo(released);
  }

  // ------------------------------------------------------------------------------ reuse

  @DbTest
  void sameKeyWithOtherArgumentsCommandOrActorIsRefusedAndChangesNothing(TestDatabase db) {
    var s = setup(db);
    WorkflowCommands keyed = s.engine.as(SHOP).idempotent("order-1");
    UUID id = keyed.initializeRootWorkflow("order", new Order("ann", 10));
    DbSnapshot after = DbSnapshot.take(db, "decisions");
    long history = s.history();

    List<Runnable> others =
        List.of(
            // other payload
            () -> s.engine.as(SHOP).idempotent("order-1").initializeRootWorkflow("order", null),
            () ->
                s.engine
                    .as(SHOP)
                    .idempotent("order-1")
                    .initializeRootWorkflow("order", new Order("ann", 11)),
            // the same view used for a second, different command
            () -> keyed.cancelWorkflow(id),
            // another actor, and no actor
            () ->
                s.engine
                    .as(OPS)
                    .idempotent("order-1")
                    .initializeRootWorkflow("order", new Order("ann", 10)),
            () ->
                s.engine
                    .idempotent("order-1")
                    .initializeRootWorkflow("order", new Order("ann", 10)));
    for (Runnable call : others) {
      assertThatThrownBy(call::run)
          .isInstanceOf(IdempotencyKeyReusedException.class)
          .isInstanceOf(ConstraintViolationException.class)
          .hasMessageContaining("'order-1'")
          .hasMessageContaining("use a new key")
          .satisfies(
              e -> {
                var r = (IdempotencyKeyReusedException) e;
                assertThat(r.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
                assertThat(r.key()).isEqualTo("order-1");
              });
    }
    assertThat(DbSnapshot.take(db, "decisions")).isEqualTo(after);
    assertThat(s.history()).isEqualTo(history);
    assertThat(s.initActions).hasValue(1);
    // the first call's outcome stands
    assertThat(keyed.initializeRootWorkflow("order", new Order("ann", 10))).isEqualTo(id);
  }

  @DbTest
  void badKeysAreRefusedBeforeTheCall(TestDatabase db) {
    var s = setup(db);
    for (String bad : new String[] {null, "", "  ", "x".repeat(201), "a\0b"}) {
      assertThatThrownBy(() -> s.engine.idempotent(bad))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("idempotency key");
      assertThatThrownBy(() -> s.engine.incidents().idempotent(bad))
          .isInstanceOf(InvalidArgumentException.class);
    }
    assertThat(s.engine.idempotent("x".repeat(200))).isNotNull();
    assertThat(s.keys()).isZero();
  }

  // ------------------------------------------------------------------------------ errors

  @DbTest
  void typedErrorIsStoredWithoutTheCallsEffectsAndReplayed(TestDatabase db) {
    var s = setup(db);
    var d = s.newOrder();
    UUID wi = s.startedReview(d);
    long history = s.history();

    TasquencerException first =
        (TasquencerException)
            org.assertj.core.api.Assertions.catchThrowable(
                () -> s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("typed")));
    assertThat(first)
        .isExactlyInstanceOf(ConstraintViolationException.class)
        .hasMessage("the decision 'typed' is refused");
    // the call's effects rolled back (the domain row, the completion), the key and its error stay
    assertThat(s.completeActions).hasValue(1);
    assertThat(s.decisions()).isZero();
    assertThat(d.wiStates("review")).containsExactly(WorkItemState.STARTED);
    assertThat(s.history()).isEqualTo(history);
    assertThat(
            db.rows(
                "select outcome, error_code, error_type from tq_idempotency where idem_key = 'c-1'"))
        .containsExactly(
            List.of("error", "CONSTRAINT_VIOLATION", ConstraintViolationException.class.getName()));
    DbSnapshot after = DbSnapshot.take(db, "decisions");

    // the repeat throws an equal error without running the action, even if it would pass now
    assertThatThrownBy(() -> s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("typed")))
        .isExactlyInstanceOf(ConstraintViolationException.class)
        .hasMessage(first.getMessage())
        .isNotSameAs(first)
        .satisfies(e -> assertThat(((TasquencerException) e).code()).isEqualTo(first.code()));
    assertThat(s.completeActions).hasValue(1);
    assertThat(DbSnapshot.take(db, "decisions")).isEqualTo(after);

    // a new key runs the command
    s.ops.idempotent("c-2").completeWorkItem(wi, new Decision("ok"));
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  @DbTest
  void engineErrorWithFieldsIsReplayedWithThem(TestDatabase db) {
    var s = setup(db);
    var d = s.newOrder();
    UUID wi = s.startedReview(d);
    s.engine.as(OPS).suspendWorkflow(d.id, "audit");
    assertThatThrownBy(() -> s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("ok")))
        .isInstanceOf(WorkflowSuspendedException.class);
    s.engine.as(OPS).resumeWorkflow(d.id);

    // resumed since, but the key's outcome is the refusal: the repeat gets it, and runs nothing
    assertThatThrownBy(() -> s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("ok")))
        .isExactlyInstanceOf(WorkflowSuspendedException.class)
        .hasMessageContaining("(audit)")
        .satisfies(e -> assertThat(((WorkflowSuspendedException) e).rootId()).isEqualTo(d.id))
        .satisfies(
            e ->
                assertThat(e.getStackTrace()[0].getClassName())
                    .doesNotContain("Suspensions")); // the repeat's own stack
    assertThat(s.completeActions).hasValue(0);
    assertThat(d.wiStates("review")).containsExactly(WorkItemState.STARTED);
  }

  @DbTest
  void anErrorOfAnotherClassIsReplayedByItsCodeAndMessage(TestDatabase db) {
    var s = setup(db);
    var d = s.newOrder();
    UUID wi = s.startedReview(d);
    assertThatThrownBy(() -> s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("own")))
        .isExactlyInstanceOf(OwnError.class);
    assertThat(s.decisions()).isZero();
    // only the engine's classes are read back: this one comes back as its code and message
    assertThatThrownBy(() -> s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("own")))
        .isInstanceOf(TasquencerException.class)
        .isNotInstanceOf(OwnError.class)
        .hasMessageContaining("an error class of the application")
        .hasMessageContaining(OwnError.class.getName())
        .satisfies(e -> assertThat(((TasquencerException) e).code()).isEqualTo("OWN_ERROR"));
    assertThat(s.completeActions).hasValue(1);
    assertThat(d.wiStates("review")).containsExactly(WorkItemState.STARTED);
  }

  @DbTest
  void userExceptionStoresNothingAndTheRetryWithTheKeyRuns(TestDatabase db) {
    var s = setup(db);
    var d = s.newOrder();
    UUID wi = s.startedReview(d);
    DbSnapshot before = DbSnapshot.take(db, "decisions");

    assertThatThrownBy(() -> s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("bug")))
        .isExactlyInstanceOf(IllegalStateException.class);
    assertThat(s.keys()).isZero();
    assertThat(DbSnapshot.take(db, "decisions")).isEqualTo(before);

    s.bug.set(false); // fixed
    s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("bug"));
    assertThat(s.completeActions).hasValue(2);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("bug"));
    assertThat(s.completeActions).hasValue(2);
    assertThat(s.decisions()).isEqualTo(1);
  }

  @DbTest
  void aConflictRetriedByTheEngineStoresTheKeyOnce(TestDatabase db) {
    var s = setup(db);
    var d = s.newOrder();
    UUID wi = s.startedReview(d);
    s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("conflict"));
    // the first attempt conflicted and rolled back, its claim of the key with it; the second ran
    assertThat(s.completeActions).hasValue(2);
    assertThat(s.decisions()).isEqualTo(1);
    assertThat(db.rows("select outcome from tq_idempotency")).containsExactly(List.of("result"));
    s.ops.idempotent("c-1").completeWorkItem(wi, new Decision("conflict"));
    assertThat(s.completeActions).hasValue(2);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  // ------------------------------------------------------------------------------ races

  @DbTest
  void eightConcurrentCallsWithOneKeyHaveOneEffectAndOneOutcome(TestDatabase db) throws Exception {
    var s = setup(db);
    List<UUID> ids =
        race(
            () ->
                s.engine
                    .as(SHOP)
                    .idempotent("slow-1")
                    .initializeRootWorkflow("order", new Order("slow", 1)));
    assertThat(ids).hasSize(8).containsOnly(ids.get(0));
    assertThat(db.queryLong("select count(*) from tq_workflow")).isEqualTo(1);
    assertThat(s.onInitialized).hasValue(1);
    assertThat(s.jobs()).isEqualTo(1);
    assertThat(s.keys()).isEqualTo(1);
  }

  @DbTest
  void eightConcurrentCallsWithOneKeySeeTheSameTypedError(TestDatabase db) throws Exception {
    var s = setup(db);
    var d = s.newOrder();
    UUID wi = s.startedReview(d);
    List<String> outcomes =
        race(
            () -> {
              try {
                s.engine.as(OPS).idempotent("c-1").completeWorkItem(wi, new Decision("typed"));
                return "completed";
              } catch (ConstraintViolationException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
              }
            });
    assertThat(outcomes)
        .hasSize(8)
        .containsOnly("ConstraintViolationException: the decision 'typed' is refused");
    assertThat(s.completeActions).hasValue(1);
    assertThat(s.decisions()).isZero();
  }

  /** Runs {@code call} from 8 threads released at once; their results. */
  private static <T> List<T> race(Callable<T> call) throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return call.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------------------ expiry

  @DbTest
  void expiredKeyNoLongerDedupsAndIsPurged(TestDatabase db) {
    var s = new Setup(db, Duration.ofHours(1), false);
    ExternalCommands shop = s.engine.as(SHOP);
    UUID first = shop.idempotent("k").initializeRootWorkflow("order", new Order("ann", 1));
    s.clock.advance(Duration.ofMinutes(59));
    assertThat(shop.idempotent("k").initializeRootWorkflow("order", new Order("ann", 1)))
        .isEqualTo(first);
    // after an hour the key is a new request again, for any call
    s.clock.advance(Duration.ofMinutes(1));
    UUID second = shop.idempotent("k").initializeRootWorkflow("order", new Order("bob", 2));
    assertThat(second).isNotEqualTo(first);
    assertThat(s.initActions).hasValue(2);
    assertThat(shop.idempotent("k").initializeRootWorkflow("order", new Order("bob", 2)))
        .isEqualTo(second);

    shop.idempotent("k2").initializeRootWorkflow("order", new Order("cy", 3));
    s.clock.advance(Duration.ofMinutes(30));
    shop.idempotent("k3").initializeRootWorkflow("order", new Order("dan", 4));
    // k expired now (at T0+2h), k2 too (it was made at T0+1h), k3 has 30 minutes left
    s.clock.advance(Duration.ofMinutes(31));
    assertThat(s.keys()).isEqualTo(3);
    s.engine.purge(s.clock.instant(), 1);
    assertThat(db.rows("select idem_key from tq_idempotency")).containsExactly(List.of("k3"));
    assertThat(db.queryLong("select count(*) from tq_workflow")).isEqualTo(4); // none finished
  }

  @DbTest
  void theRetentionJobPurgesExpiredKeys(TestDatabase db) {
    var s = new Setup(db, Duration.ofHours(1), true);
    for (int i = 0; i < 5; i++) {
      s.engine.as(SHOP).idempotent("k" + i).initializeRootWorkflow("order", new Order("a", i));
    }
    JobWorker worker = s.engine.jobWorker().build();
    worker.runDue();
    assertThat(s.keys()).isEqualTo(5); // none expired yet

    s.clock.advance(Duration.ofHours(2));
    worker.runDue(); // batches of 2: the job runs again at once while batches are full
    assertThat(s.keys()).isZero();
    assertThat(db.queryLong("select count(*) from tq_workflow")).isEqualTo(5);
  }

  // ------------------------------------------------------------------------------ suspend

  @DbTest
  void suspendAndResumeWithAKeyRunOnce(TestDatabase db) {
    var s = setup(db);
    var d = s.newOrder();
    s.ops.idempotent("s-1").suspendWorkflow(d.id, "audit");
    long history = s.history();
    DbSnapshot suspended = DbSnapshot.take(db, "decisions");
    // without the key a second suspend is refused; with it, the first call's outcome comes back
    assertThatThrownBy(() -> s.ops.suspendWorkflow(d.id, "audit"))
        .isInstanceOf(WorkflowSuspendedException.class);
    s.ops.idempotent("s-1").suspendWorkflow(d.id, "audit");
    assertThat(s.history()).isEqualTo(history);
    assertThat(DbSnapshot.take(db, "decisions")).isEqualTo(suspended);
    assertThatThrownBy(() -> s.ops.idempotent("s-1").suspendWorkflow(d.id, "other reason"))
        .isInstanceOf(IdempotencyKeyReusedException.class);

    s.ops.idempotent("r-1").resumeWorkflow(d.id);
    long resumed = s.history();
    assertThatThrownBy(() -> s.ops.resumeWorkflow(d.id))
        .isInstanceOf(WorkflowNotSuspendedException.class);
    s.ops.idempotent("r-1").resumeWorkflow(d.id);
    assertThat(s.history()).isEqualTo(resumed);
    assertThat(
            s
                .engine
                .queries()
                .history(d.id, HistoryFilter.ALL, HistoryPage.first(1000))
                .events()
                .stream()
                .map(HistoryEvent::event)
                .filter(e -> e.equals("suspend") || e.equals("resume")))
        .containsExactly("suspend", "resume");
  }
}
