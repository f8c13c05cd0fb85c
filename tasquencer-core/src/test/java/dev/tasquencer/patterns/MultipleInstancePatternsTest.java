package dev.tasquencer.patterns;

import static dev.tasquencer.patterns.Patterns.dummy;
import static dev.tasquencer.patterns.Patterns.positionInRound;
import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/**
 * Workflow control-flow patterns with multiple instances: WCP-12 to WCP-15 and WCP-34 to WCP-36. An
 * instance is a work item of one task: the task creates them at run time, its policy (with the O(1)
 * counters of {@code ctx.task().getStats()}) decides when the task continues, and completing the
 * task withdraws the instances that are not finished.
 */
class MultipleInstancePatternsTest {

  /** Case data: how many instances to create. */
  record Count(int instances) {}

  /** One instance's data, stored as its work item payload. */
  record Instance(int number) {}

  /** What an instance reports when it completes (WCP-36). */
  record Pledge(int amount) {}

  /** Who an approval instance asks: its initialize payload. */
  record Approver(String name) {}

  /** An approver's answer: the payload completing the instance. */
  record Vote(boolean approve) {}

  /** start → A → M → N → end, M as given. */
  static WorkflowDefinition single(String name, TaskBuilder m) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("A", autoInit())
        .task("M", m)
        .task("N", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("M"))
        .connectTask("M", to -> to.task("N"))
        .connectTask("N", to -> to.condition("end"))
        .build();
  }

  private static List<UUID> ids(Driver d, String task) {
    return d.wi(task).stream().map(WorkItemSnapshot::id).toList();
  }

  /**
   * In a {@link #single} net: M has completed with its instances in these states, N is enabled and
   * M's token is the only one.
   */
  private static void assertMCompletedWith(Driver d, WorkItemState... instances) {
    assertThat(d.task("M")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("N");
    assertThat(d.wiStates("M")).containsExactly(instances);
    assertThat(d.marked()).containsOnly(entry("M__to__N", 1));
  }

  /** In a {@link #single} net: fires A, then starts every instance of M; returns them. */
  private static List<UUID> startInstancesOfM(Driver d) {
    d.fire("A");
    List<UUID> items = ids(d, "M");
    items.forEach(d::start);
    return items;
  }

  /**
   * WCP-12 Multiple Instances without Synchronization: "several instances of one task are started
   * in a case; they run independently and nothing waits for them." A's AND split starts W, whose
   * three instances run while the thread of control goes on through B and C; they finish in any
   * order. Without implicit termination (WCP-11) the case's final AND-join F is where the branch of
   * the instances ends; the thread itself never waits for them.
   */
  @DbTest
  void wcp12MultipleInstancesWithoutSynchronization(TestDatabase db) {
    var def =
        Builder.workflow("miNoSync")
            .startCondition("start")
            .task("A", autoInit())
            .task("W", autoInit(3))
            .task("B", autoInit())
            .task("C", autoInit())
            .task("F", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("W").task("B"))
            .connectTask("B", to -> to.task("C"))
            .connectTask("W", to -> to.task("F"))
            .connectTask("C", to -> to.task("F"))
            .connectTask("F", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "miNoSync");
    d.fire("A");
    List<UUID> w = ids(d, "W");
    w.forEach(d::start);
    d.fire("B");
    d.fire("C");
    assertThat(d.task("C")).as("the thread went on").isEqualTo(TaskState.COMPLETED);
    assertThat(d.wiStates("W")).containsOnly(WorkItemState.STARTED);

    d.complete(w.get(2));
    d.complete(w.get(0));
    assertThat(d.task("W")).isEqualTo(TaskState.STARTED);
    d.complete(w.get(1));
    assertThat(d.task("W")).isEqualTo(TaskState.COMPLETED);
    d.fire("F");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * WCP-13 Multiple Instances with a priori Design-Time Knowledge: "the number of concurrent
   * instances is fixed in the model; control continues after all have completed." M creates three
   * instances in onEnabled; N is enabled after the third completion, not before.
   */
  @DbTest
  void wcp13MultipleInstancesWithDesignTimeKnowledge(TestDatabase db) {
    var d = Driver.start(db.engine(single("miDesignTime", autoInit(3))), "miDesignTime");
    d.fire("A");
    List<UUID> m = ids(d, "M");
    assertThat(m).hasSize(3);
    m.forEach(d::start);
    d.complete(m.get(1));
    d.complete(m.get(0));
    assertThat(d.task("N")).isEqualTo(TaskState.DISABLED);
    d.complete(m.get(2));
    assertThat(d.enabled()).containsExactly("N");
    assertThat(d.q().stats(d.id, "M")).isEqualTo(new TaskStats(3, 0, 0, 3, 0, 0));
  }

  /**
   * WCP-14 Multiple Instances with a priori Run-Time Knowledge: "the number is known at run time
   * before the instances are created (e.g. from case data); continue after all complete." M reads
   * the count from the case's payload and gives every instance its own data.
   */
  @DbTest
  void wcp14MultipleInstancesWithRunTimeKnowledge(TestDatabase db) {
    var m =
        Builder.task(Builder.workItem("instance"))
            .onEnabled(
                ctx -> {
                  int n = ctx.parent().workflowPayload(Count.class).instances();
                  for (int i = 1; i <= n; i++) {
                    ctx.workItem().initialize(new Instance(i));
                  }
                });
    var engine = db.engine(single("miRunTime", m));
    for (int n : new int[] {2, 4}) {
      var d = Patterns.start(engine, "miRunTime", new Count(n));
      d.fire("A");
      assertThat(d.wi("M")).hasSize(n);
      assertThat(d.wi("M").get(n - 1).payloadJson()).containsPattern("\"number\":\\s*" + n + "\\D");
      List<UUID> items = ids(d, "M");
      for (int i = 0; i < n; i++) {
        assertThat(d.task("N")).isEqualTo(TaskState.DISABLED);
        d.start(items.get(i));
        d.complete(items.get(i));
      }
      assertThat(d.enabled()).containsExactly("N");
    }
  }

  /**
   * WCP-15 Multiple Instances without a priori Run-Time Knowledge: "the number is not known even
   * when instances start; new instances may be added while others run until adding is closed;
   * continue after all complete." M starts with one instance; two more are added while it runs; M
   * continues after all three; once it completed, adding is closed (rejected, nothing changes).
   */
  @DbTest
  void wcp15MultipleInstancesWithoutRunTimeKnowledge(TestDatabase db) {
    var m =
        Builder.task(Builder.workItem("instance")).onEnabled(ctx -> ctx.workItem().initialize());
    var d = Driver.start(db.engine(single("miDynamic", m)), "miDynamic");
    d.fire("A");
    UUID first = d.initialized("M");
    d.start(first);
    UUID second = d.cmd().initializeWorkItem(d.id, "M", new Instance(2));
    d.complete(first);
    assertThat(d.task("M")).as("the added instance holds M open").isEqualTo(TaskState.STARTED);
    UUID third = d.cmd().initializeWorkItem(d.id, "M", new Instance(3));
    d.start(third);
    d.start(second);
    d.complete(third);
    assertThat(d.task("N")).isEqualTo(TaskState.DISABLED);
    d.complete(second);
    assertThat(d.task("M")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("N");
    assertThat(d.q().stats(d.id, "M")).isEqualTo(new TaskStats(3, 0, 0, 3, 0, 0));

    assertThatThrownBy(() -> d.cmd().initializeWorkItem(d.id, "M", new Instance(4)))
        .isInstanceOf(ConstraintViolationException.class);
    assertThat(d.wi("M")).hasSize(3);
  }

  /**
   * WCP-15, instances added by the task itself: every completed instance found one more piece of
   * work until three exist (a decision made at run time, in onWorkItemStateChanged, which runs
   * before the policy and so keeps the task open).
   */
  @DbTest
  void wcp15InstancesAddedWhileRunning(TestDatabase db) {
    var m =
        Builder.task(Builder.workItem("instance"))
            .onEnabled(ctx -> ctx.workItem().initialize(new Instance(1)))
            .onWorkItemStateChanged(
                ctx -> {
                  long total = ctx.task().getStats().total();
                  if (ctx.workItem().nextState() == WorkItemState.COMPLETED && total < 3) {
                    ctx.workItem().initialize(new Instance((int) total + 1));
                  }
                });
    var d = Driver.start(db.engine(single("miSelfAdding", m)), "miSelfAdding");
    d.fire("A");
    for (int instance = 1; instance <= 3; instance++) {
      assertThat(d.task("N")).isEqualTo(TaskState.DISABLED);
      assertThat(d.wi("M")).hasSize(instance);
      d.fire("M");
    }
    assertThat(d.task("M")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("N");
    assertThat(d.q().stats(d.id, "M")).isEqualTo(new TaskStats(3, 0, 0, 3, 0, 0));
  }

  /**
   * WCP-34 Static Partial Join for Multiple Instances: "continue once N of the M instances (M fixed
   * at creation) have completed; the rest finish without effect; reset after all complete."
   * Partial: a task's policy can continue after N completions only by completing the task, and that
   * withdraws the unfinished instances (WCP-35). The workaround shown here works for an M fixed at
   * design time: the instances are M copies I1..I3 of one task on parallel branches, joined by the
   * counting 2-out-of-3 join of WCP-30; the third instance finishes after N runs, without effect.
   */
  @DbTest
  void wcp34StaticPartialJoinForMultipleInstances(TestDatabase db) {
    var instance = autoInit();
    var def =
        Builder.workflow("miStaticPartial")
            .startCondition("start")
            .condition("tally")
            .condition("arrived")
            .task("A", autoInit())
            .task("I1", instance)
            .task("I2", instance)
            .task("I3", instance)
            .dummyTask("J", dummy().withSplitType(SplitType.OR))
            .task("N", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("I1").task("I2").task("I3").condition("tally"))
            .connectTask("I1", to -> to.condition("arrived"))
            .connectTask("I2", to -> to.condition("arrived"))
            .connectTask("I3", to -> to.condition("arrived"))
            .connectCondition("arrived", to -> to.task("J"))
            .connectCondition("tally", to -> to.task("J"))
            .connectTask(
                "J",
                to ->
                    to.condition("tally")
                        .task("N")
                        .routes(
                            ctx ->
                                positionInRound(ctx, 3) == 2
                                    ? List.of(ctx.toCondition("tally"), ctx.toTask("N"))
                                    : List.of(ctx.toCondition("tally"))))
            .connectTask("N", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "miStaticPartial");
    d.fire("A");
    UUID third = d.initialized("I3");
    d.start(third);
    d.fire("I2");
    assertThat(d.task("N")).isEqualTo(TaskState.DISABLED);
    d.fire("I1");
    assertThat(d.task("N")).isEqualTo(TaskState.ENABLED);
    assertThat(d.task("I3")).as("still running, not withdrawn").isEqualTo(TaskState.STARTED);
    d.complete(third);
    assertThat(d.task("I3")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.generation("N")).as("no effect").isEqualTo(1);
    assertThat(d.marked()).containsOnly(entry("tally", 1), entry("J__to__N", 1));
    d.fire("N");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * WCP-35 Cancelling Partial Join for Multiple Instances: "as WCP-34, but the unfinished instances
   * are cancelled once N have completed." M has four instances and a policy that completes it at
   * the second completion; completing M withdraws the running and the waiting instance.
   */
  @DbTest
  void wcp35CancellingPartialJoinForMultipleInstances(TestDatabase db) {
    var m =
        autoInit(4)
            .withPolicy(
                ctx ->
                    ctx.task().getStats().completed() >= 2
                        ? PolicyResult.COMPLETE
                        : PolicyResult.CONTINUE);
    var d = Driver.start(db.engine(single("miCancellingPartial", m)), "miCancellingPartial");
    List<UUID> items = startInstancesOfM(d);
    d.cmd().resetWorkItem(items.get(3)); // one instance waits, initialized again
    d.complete(items.get(0));
    assertThat(d.task("N")).isEqualTo(TaskState.DISABLED);
    d.complete(items.get(2));
    assertMCompletedWith(
        d,
        WorkItemState.COMPLETED,
        WorkItemState.CANCELED,
        WorkItemState.COMPLETED,
        WorkItemState.CANCELED);
  }

  /**
   * WCP-36 Dynamic Partial Join for Multiple Instances: "instances may be added while the task
   * runs; a condition evaluated at each instance completion decides when to continue; afterwards no
   * new instances may be added." Instances pledge amounts (recorded in a domain table by the work
   * item's onCompleted); M's policy continues once the pledges reach 100, whatever the number of
   * instances, and adding is closed. Partial: continuing means completing M, which withdraws the
   * instance still open instead of letting it finish without effect (as in WCP-34).
   */
  @DbTest
  void wcp36DynamicPartialJoinForMultipleInstances(TestDatabase db) {
    db.sql("create table pledges (workflow_id uuid not null, amount int not null)");
    var pledge =
        Builder.workItem("pledge")
            .onCompleted(
                ctx ->
                    ctx.db()
                        .update(
                            "insert into pledges (workflow_id, amount) values (?, ?)",
                            ctx.parent().workflowId(),
                            ctx.transitionPayload(Pledge.class).amount()));
    var m =
        Builder.task(pledge)
            .onEnabled(
                ctx -> {
                  ctx.workItem().initialize();
                  ctx.workItem().initialize();
                })
            .withPolicy(
                ctx -> {
                  long sum =
                      ctx.db()
                          .queryLong(
                              "select coalesce(sum(amount), 0) from pledges where workflow_id = ?",
                              ctx.parent().workflowId());
                  return sum >= 100 ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
                });
    var d = Driver.start(db.engine(single("miDynamicPartial", m)), "miDynamicPartial");
    d.fire("A");
    List<UUID> initial = ids(d, "M");
    d.start(initial.get(0));
    d.cmd().completeWorkItem(initial.get(0), new Pledge(30));
    UUID added = d.cmd().initializeWorkItem(d.id, "M", null);
    d.start(added);
    d.cmd().completeWorkItem(added, new Pledge(50));
    assertThat(d.task("M")).as("80 pledged").isEqualTo(TaskState.STARTED);
    UUID another = d.cmd().initializeWorkItem(d.id, "M", null);
    d.start(another);
    d.cmd().completeWorkItem(another, new Pledge(40));

    assertThat(d.task("M")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("N");
    assertThat(d.q().workItemState(initial.get(1))).isEqualTo(WorkItemState.CANCELED);
    assertThat(d.q().stats(d.id, "M")).isEqualTo(new TaskStats(4, 0, 0, 3, 0, 1));
    assertThatThrownBy(() -> d.cmd().initializeWorkItem(d.id, "M", null))
        .isInstanceOf(ConstraintViolationException.class);
    assertThat(d.marked()).containsOnly(entry("M__to__N", 1));
  }

  /**
   * A cancelling partial join whose condition is in the instances' data: M asks five approvers (one
   * instance each, the approver's name as its payload), each answers by completing its instance
   * with a vote, and M completes at the third approving vote, which cancels the approvers who have
   * not answered. The policy reads the vote of the instance whose completion called it (no query);
   * only an approval can reach the quorum, so only then does it read the completed siblings' votes,
   * stopping at the third approval.
   */
  @DbTest
  void quorumOfApprovingVotesCompletesTheTaskAndCancelsTheUnansweredApprovers(TestDatabase db) {
    var approval =
        Builder.workItem("approval")
            .withActions(Builder.workItemActions().complete(Vote.class, (ctx, vote) -> {}));
    var m =
        Builder.task(approval)
            .onEnabled(
                ctx -> {
                  for (String name : List.of("ann", "bob", "cyd", "dee", "eve")) {
                    ctx.workItem().initialize(new Approver(name));
                  }
                })
            .withPolicy(
                ctx -> {
                  Vote vote = ctx.workItem().changed().resultPayload(Vote.class);
                  if (vote == null || !vote.approve()) {
                    return PolicyResult.CONTINUE;
                  }
                  long approvals =
                      ctx.workItem().stream(WorkItemState.COMPLETED)
                          .filter(w -> w.resultPayload(Vote.class).approve())
                          .limit(3)
                          .count();
                  return approvals == 3 ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
                });
    var d = Driver.start(db.engine(single("miQuorum", m)), "miQuorum");
    List<UUID> approvers = startInstancesOfM(d);

    d.engine.completeWorkItem(approvers.get(0), new Vote(true));
    d.engine.completeWorkItem(approvers.get(1), new Vote(false));
    d.engine.completeWorkItem(approvers.get(4), new Vote(true));
    assertThat(d.task("M")).as("two approvals of three").isEqualTo(TaskState.STARTED);
    d.engine.completeWorkItem(approvers.get(2), new Vote(true));

    assertMCompletedWith(
        d,
        WorkItemState.COMPLETED,
        WorkItemState.COMPLETED,
        WorkItemState.COMPLETED,
        WorkItemState.CANCELED,
        WorkItemState.COMPLETED);
    assertThat(d.wi("M"))
        .as("the votes are stored, as canonical JSON on every database")
        .extracting(w -> String.valueOf(w.resultPayloadJson()))
        .containsExactly(
            "{\"approve\":true}",
            "{\"approve\":false}",
            "{\"approve\":true}",
            "null",
            "{\"approve\":true}");
  }
}
