package dev.tasquencer.engine;

import static dev.tasquencer.engine.BadInputTest.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Arguments that are wrong whatever the database holds (a null id or name, a negative limit, a
 * generation below 1) raise {@link InvalidArgumentException} naming the call and the argument,
 * before anything is read or written; engine settings that are wrong raise {@link
 * ConfigurationException}.
 */
class ArgumentChecksTest {

  /** A call and the start of the message it must fail with. */
  record Expect(String message, ThrowingCallable call) {}

  /** Each command called with one required argument null. */
  static List<Expect> nullArguments(WorkflowCommands c, UUID wf) {
    List<Expect> calls = new ArrayList<>();
    calls.add(
        new Expect("initializeRootWorkflow: workflow", () -> c.initializeRootWorkflow(null, null)));
    calls.add(
        new Expect(
            "initializeRootWorkflow: workflow", () -> c.initializeRootWorkflow(null, "v1", null)));
    calls.add(
        new Expect(
            "initializeWorkItem: workflowId", () -> c.initializeWorkItem(null, "review", null)));
    calls.add(new Expect("initializeWorkItem: task", () -> c.initializeWorkItem(wf, null, null)));
    calls.add(
        new Expect(
            "initializeWorkflow: parentWorkflowId",
            () -> c.initializeWorkflow(null, "t", null, null)));
    calls.add(
        new Expect(
            "initializeWorkflow: compositeTask", () -> c.initializeWorkflow(wf, null, null, null)));
    calls.add(
        new Expect("startWorkItem: workItemId", () -> c.startWorkItem(null, BadInputTest.ANN)));
    calls.add(new Expect("completeWorkItem: workItemId", () -> c.completeWorkItem(null)));
    calls.add(new Expect("failWorkItem: workItemId", () -> c.failWorkItem(null, "x")));
    calls.add(new Expect("cancelWorkItem: workItemId", () -> c.cancelWorkItem(null)));
    calls.add(new Expect("resetWorkItem: workItemId", () -> c.resetWorkItem(null)));
    calls.add(new Expect("cancelWorkflow: workflowId", () -> c.cancelWorkflow(null)));
    return calls;
  }

  @DbTest
  void commandsRejectMissingIdsAndNamesWithATypedError(TestDatabase db) {
    Tasquencer engine = db.engine(BadInputTest.orders(new BadInputTest.Calls()));
    UUID wf = BadInputTest.newOrder(engine);
    BadInputTest.newReview(engine, wf);
    for (WorkflowCommands commands : new WorkflowCommands[] {engine, engine.internal()}) {
      for (Expect x : nullArguments(commands, wf)) {
        var e = rejects(db, InvalidArgumentException.class, x.call());
        assertThat(e.getMessage()).startsWith(x.message()).contains("must not be null");
        assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
      }
    }
  }

  @DbTest
  void queriesRejectMissingArgumentsAndNumbersOutOfRange(TestDatabase db) {
    Tasquencer engine = db.engine(BadInputTest.orders(new BadInputTest.Calls()));
    UUID wf = BadInputTest.newOrder(engine);
    WorkflowQueries q = engine.queries();
    List<Expect> calls = new ArrayList<>();
    calls.add(new Expect("workflow: workflowId must not be null", () -> q.workflow(null)));
    calls.add(new Expect("findWorkflow: workflowId must not be null", () -> q.findWorkflow(null)));
    calls.add(
        new Expect("workflowState: workflowId must not be null", () -> q.workflowState(null)));
    calls.add(new Expect("tasks: workflowId must not be null", () -> q.tasks(null)));
    calls.add(new Expect("task: task must not be null", () -> q.task(wf, null)));
    calls.add(new Expect("tasksIn: state must not be null", () -> q.tasksIn(wf, null)));
    calls.add(new Expect("marking: workflowId must not be null", () -> q.marking(null)));
    calls.add(new Expect("view: workflowId must not be null", () -> q.view(null)));
    calls.add(new Expect("workItems: task must not be null", () -> q.workItems(wf, null)));
    calls.add(
        new Expect("workItems: generation must be at least 1", () -> q.workItems(wf, "review", 0)));
    calls.add(
        new Expect(
            "childWorkflows: workflowId must not be null", () -> q.childWorkflows(null, "t")));
    calls.add(
        new Expect(
            "childWorkflows: generation must be at least 1", () -> q.childWorkflows(wf, "t", -2)));
    calls.add(new Expect("workItem: workItemId must not be null", () -> q.workItem(null)));
    calls.add(
        new Expect("workItemState: workItemId must not be null", () -> q.workItemState(null)));
    calls.add(new Expect("stats: task must not be null", () -> q.stats(wf, null)));
    calls.add(new Expect("stats: generation must be at least 1", () -> q.stats(wf, "review", 0)));
    calls.add(
        new Expect("rootWorkflowId: workflowId must not be null", () -> q.rootWorkflowId(null)));
    calls.add(
        new Expect(
            "rootWorkflowIdOfWorkItem: workItemId must not be null",
            () -> q.rootWorkflowIdOfWorkItem(null)));
    calls.add(new Expect("realizedPath: workflowId must not be null", () -> q.realizedPath(null)));
    calls.add(new Expect("jobs: state must not be null", () -> q.jobs(null, 10)));
    calls.add(
        new Expect("jobs: limit must not be negative, was -1", () -> q.jobs(JobState.PENDING, -1)));
    calls.add(new Expect("jobsOwnedBy: ownerId must not be null", () -> q.jobsOwnedBy(null)));
    calls.add(new Expect("job: jobId must not be null", () -> q.job(null)));
    for (Expect x : calls) {
      assertThat(catchThrowable(x.call()))
          .as(x.message())
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith(x.message());
    }

    // the limits that are allowed work on every database
    assertThat(q.jobs(JobState.PENDING, 0)).isEmpty();
    assertThat(q.jobs(JobState.PENDING, Integer.MAX_VALUE)).isEmpty();
    assertThat(q.workItems(wf, "review", 1)).isEmpty();
  }

  @Test
  void engineSettingsRejectMissingValuesAsConfigurationErrors() {
    List<Expect> calls = new ArrayList<>();
    calls.add(
        new Expect("dataSource must not be null", () -> Tasquencer.builder().dataSource(null)));
    calls.add(new Expect("jdbcUrl must not be null", () -> Tasquencer.builder().jdbcUrl(null)));
    calls.add(new Expect("clock must not be null", () -> Tasquencer.builder().clock(null)));
    calls.add(
        new Expect(
            "register: definition 2 of 2 is null",
            () -> Tasquencer.builder().register(BadInputTest.plain(), null)));
    calls.add(
        new Expect(
            "register: definitions must not be null",
            () -> Tasquencer.builder().register((WorkflowDefinition[]) null)));
    calls.add(
        new Expect(
            "maxAttempts must be at least 1, was 0", () -> Tasquencer.builder().maxAttempts(0)));
    for (Expect x : calls) {
      assertThat(catchThrowable(x.call()))
          .as(x.message())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(x.message());
    }
  }
}
