package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.FailedAttempt;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.api.error.WorkItemNotFoundException;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A call rolled back by an exception leaves no history (every kind of user code of {@link
 * RollbackTest}'s probe net, each failing in turn), and exactly one failed-attempt row that says
 * what was asked of which element, by whom, and what went wrong. Recording it never changes the
 * caller's error, even when it cannot be recorded.
 */
class FailedAttemptsTest {

  @DbTest
  void aHookThatThrowsLeavesNoHistoryAndOneFailedAttempt(TestDatabase db) {
    db.sql(
        "create table "
            + RollbackTest.DOMAIN
            + " (hook varchar(100) not null, n integer not null)");
    RollbackTest.Probe probe = new RollbackTest.Probe();
    Tasquencer engine = db.engine(RollbackTest.probeNet(probe));
    List<String> failures = new ArrayList<>();
    for (RollbackTest.Case c : RollbackTest.CASES) {
      try {
        RollbackTest.Run run = new RollbackTest.Run(engine);
        probe.disarm();
        c.setup().accept(run);
        probe.arm(c.hook(), () -> new IllegalStateException("failure in " + c.hook()));
        DbSnapshot before = DbSnapshot.take(db);
        long attemptsBefore = db.queryLong("select count(*) from tq_failed_attempt");

        Throwable thrown = catchThrowable(() -> c.call().accept(run));

        assertThat(thrown).as(c.hook()).isSameAs(probe.thrown);
        assertThat(DbSnapshot.take(db).rows("tq_history"))
            .as("history after the failed call in %s", c.hook())
            .isEqualTo(before.rows("tq_history"));
        assertThat(db.queryLong("select count(*) from tq_failed_attempt"))
            .as("failed attempts recorded for %s", c.hook())
            .isEqualTo(attemptsBefore + 1);
        FailedAttempt a = latest(engine);
        assertThat(a.errorType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(a.message()).isEqualTo("failure in " + c.hook());
        assertThat(a.origin()).isEqualTo(Origin.EXTERNAL);
        if (run.wf != null
            && !c.hook().equals("workflow.initialize")
            && !c.hook().equals("workflow.onInitialized")) {
          assertThat(a.rootId()).as("root of %s", c.hook()).isEqualTo(run.wf);
        }
      } catch (Throwable t) {
        failures.add(c.hook() + ": " + t);
      } finally {
        probe.disarm();
      }
    }
    assertThat(failures).as("cases that left history or not one failed attempt").isEmpty();
  }

  static FailedAttempt latest(Tasquencer engine) {
    List<FailedAttempt> recent = engine.queries().failedAttemptsSince(Instant.EPOCH, 1);
    assertThat(recent).hasSize(1);
    return recent.get(0);
  }

  @DbTest
  void theAttemptNamesTheCommandTheElementAndTheActor(TestDatabase db) {
    Tasquencer engine = db.engine(Nets.singleTask("one"));
    UUID wf = engine.internal().initializeRootWorkflow("one", null);
    UUID wi = engine.queries().workItems(wf, "t").get(0).id();
    Actor bob = Actor.user("bob");

    engine.internal().startWorkItem(wi);
    // bob may not use the default complete action; then a start of a started item
    Throwable thrown = catchThrowable(() -> engine.as(bob).completeWorkItem(wi, null));
    assertThat(thrown).isInstanceOf(dev.tasquencer.api.error.NotInternalCallException.class);
    thrown = catchThrowable(() -> engine.internal().startWorkItem(wi));
    assertThat(thrown).isInstanceOf(WorkItemInvalidStateException.class);

    List<FailedAttempt> ofRoot = engine.queries().failedAttempts(wf, 10);
    assertThat(ofRoot).hasSize(2);
    FailedAttempt internal = ofRoot.get(0);
    FailedAttempt byBob = ofRoot.get(1);
    assertThat(byBob.command()).isEqualTo("completeWorkItem");
    assertThat(byBob.actor()).isEqualTo(bob);
    assertThat(byBob.origin()).isEqualTo(Origin.EXTERNAL);
    assertThat(byBob.workItemId()).isEqualTo(wi);
    assertThat(byBob.rootId()).isEqualTo(wf);
    assertThat(byBob.target()).isEqualTo("work item " + wi);
    assertThat(byBob.errorCode()).isEqualTo("NOT_INTERNAL_CALL");
    assertThat(internal.origin()).isEqualTo(Origin.INTERNAL);
    assertThat(internal.actor()).isNull();
    assertThat(internal.errorType()).isEqualTo(WorkItemInvalidStateException.class.getName());
    assertThat(internal.errorCode()).isEqualTo("INVALID_STATE_TRANSITION");
    assertThat(internal.commandId()).isNotEqualTo(byBob.commandId());

    // an unknown work item: no root was found
    UUID unknown = UUID.randomUUID();
    assertThat(catchThrowable(() -> engine.internal().startWorkItem(unknown)))
        .isInstanceOf(WorkItemNotFoundException.class);
    FailedAttempt notFound = latest(engine);
    assertThat(notFound.rootId()).isNull();
    assertThat(notFound.workItemId()).isEqualTo(unknown);
    assertThat(engine.queries().failedAttempts(wf, 10)).hasSize(2);

    // queries that fail are answers, not failed attempts
    long before = db.queryLong("select count(*) from tq_failed_attempt");
    assertThat(catchThrowable(() -> engine.queries().workItem(unknown)))
        .isInstanceOf(WorkItemNotFoundException.class);
    assertThat(db.queryLong("select count(*) from tq_failed_attempt")).isEqualTo(before);
  }

  @DbTest
  void aFailedAttemptThatCannotBeRecordedDoesNotChangeTheCallersError(TestDatabase db) {
    Tasquencer engine = db.engine(Nets.singleTask("one"));
    UUID wf = engine.internal().initializeRootWorkflow("one", null);
    UUID wi = engine.queries().workItems(wf, "t").get(0).id();
    db.sql("alter table tq_failed_attempt rename to tq_failed_attempt_away");
    try {
      Throwable thrown = catchThrowable(() -> engine.internal().completeWorkItem(wi, null));
      assertThat(thrown)
          .isInstanceOf(WorkItemInvalidStateException.class)
          .hasNoSuppressedExceptions();
    } finally {
      db.sql("alter table tq_failed_attempt_away rename to tq_failed_attempt");
    }
    assertThat(db.queryLong("select count(*) from tq_failed_attempt")).isZero();
    // the engine works on as before
    engine.internal().startWorkItem(wi);
    engine.internal().completeWorkItem(wi);
  }

  @DbTest
  void atLevelNoneNothingIsRecorded(TestDatabase db) {
    Tasquencer engine =
        db.engine(Tasquencer.builder().history(HistoryLevel.NONE).register(Nets.singleTask("one")));
    UUID wf = engine.internal().initializeRootWorkflow("one", null);
    UUID wi = engine.queries().workItems(wf, "t").get(0).id();
    assertThat(catchThrowable(() -> engine.internal().completeWorkItem(wi, null)))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(db.queryLong("select count(*) from tq_failed_attempt")).isZero();
  }
}
