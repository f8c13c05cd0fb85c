package dev.tasquencer.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.api.CompositeTaskPolicy;
import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/**
 * The exact activity order across nesting levels (spec §6.3 A to G, CS-004), with D3 (no policy
 * call on a start), D5 (completion cancels live children) and D8 (a workflow's onInitialized runs
 * before any of its tasks is enabled). The three-level net is root R → composite C → child K →
 * composite KC → grandchild G:
 *
 * <pre>
 *   R: start → P (work item PW) → C → end        C  = composite(K), onEnabled creates one K
 *   K: start → KC → end                           KC = composite(G), onEnabled creates one G
 *   G: start → Q (work item QW) → end
 * </pre>
 *
 * Every element records its hooks ({@link ActivityLog}); task and composite policies record their
 * answers (they apply the default policies).
 */
class NestedActivityOrderTest {

  static WorkflowBuilder grandchild(ActivityLog log) {
    return log.oneTask("G", "Q", "QW");
  }

  static WorkflowBuilder child(ActivityLog log) {
    return log.workflowHooks(Builder.workflow("K"), "K")
        .startCondition("start")
        .compositeTask("KC", log.compositeTask("KC", grandchild(log), 1))
        .endCondition("end")
        .connectCondition("start", to -> to.task("KC"))
        .connectTask("KC", to -> to.condition("end"));
  }

  static WorkflowDefinition threeLevels(ActivityLog log) {
    return log.workflowHooks(Builder.workflow("R"), "R")
        .startCondition("start")
        .task("P", log.task("P", log.workItem("PW"), 1))
        .compositeTask("C", log.compositeTask("C", child(log), 1))
        .endCondition("end")
        .connectCondition("start", to -> to.task("P"))
        .connectTask("P", to -> to.task("C"))
        .connectTask("C", to -> to.condition("end"))
        .build();
  }

  /** The three drivers of one run: root, child and grandchild. */
  record Levels(Driver r, Driver k, Driver g) {}

  /** Runs §6.3 A and C: the root is initialized and P fired; K and G exist, nothing started. */
  static Levels upToGrandchild(TestDatabase db, ActivityLog log) {
    var r = Driver.start(db.engine(threeLevels(log)), "R");
    r.fire("P");
    UUID k = only(r, "C");
    var kd = new Driver(r.engine, k);
    UUID g = only(kd, "KC");
    return new Levels(r, kd, new Driver(r.engine, g));
  }

  static UUID only(Driver d, String composite) {
    List<WorkflowSnapshot> children = d.q().childWorkflows(d.id, composite);
    assertThat(children).hasSize(1);
    return children.get(0).id();
  }

  /** §6.3 A with D8: the root's onInitialized runs first; nothing starts. */
  @DbTest
  void initializationOfTheRoot(TestDatabase db) {
    var log = new ActivityLog();
    var r = Driver.start(db.engine(threeLevels(log)), "R");
    assertThat(log.all()).containsExactly("R.onInitialized", "P.onEnabled", "PW.onInitialized");
    assertThat(r.state()).isEqualTo(WorkflowState.INITIALIZED);
    assertThat(r.q().childWorkflows(r.id, "C")).isEmpty();
  }

  /**
   * §6.3 C across three levels, with D8 at every level: P's completion enables C, whose onEnabled
   * creates K; K's onInitialized runs before KC is enabled, KC's onEnabled creates G, whose
   * onInitialized runs before Q is enabled. Nothing below the root starts.
   */
  @DbTest
  void completionEnablesTheCompositeAndInitializesTwoLevels(TestDatabase db) {
    var log = new ActivityLog();
    var r = Driver.start(db.engine(threeLevels(log)), "R");
    UUID pw = r.initialized("P");
    r.start(pw);
    log.clear();

    r.complete(pw);
    assertThat(log.all())
        .containsExactly(
            "PW.onCompleted",
            "P.onWorkItemStateChanged[started->completed]",
            "P.policy[started->completed]=COMPLETE",
            "P.onCompleted",
            "C.onEnabled",
            "K.onInitialized",
            "KC.onEnabled",
            "G.onInitialized",
            "Q.onEnabled",
            "QW.onInitialized");
    var k = new Driver(r.engine, only(r, "C"));
    var g = new Driver(r.engine, only(k, "KC"));
    assertThat(r.task("C")).isEqualTo(TaskState.ENABLED);
    assertThat(k.state()).isEqualTo(WorkflowState.INITIALIZED);
    assertThat(k.task("KC")).isEqualTo(TaskState.ENABLED);
    assertThat(g.state()).isEqualTo(WorkflowState.INITIALIZED);
    assertThat(g.task("Q")).isEqualTo(TaskState.ENABLED);
    // tokens stay in place until the tasks start
    assertThat(r.marked()).containsOnlyKeys("P__to__C");
    assertThat(k.marked()).containsOnlyKeys("start");
    assertThat(g.marked()).containsOnlyKeys("start");
  }

  /**
   * §6.3 D across three levels: starting the grandchild's work item starts every ancestor first,
   * top-down; each composite hears about its child's start after the child's onStarted, and no
   * policy runs for a start (D3).
   */
  @DbTest
  void upwardStartCascade(TestDatabase db) {
    var log = new ActivityLog();
    Levels l = upToGrandchild(db, log);
    log.clear();

    l.g().start(l.g().initialized("Q"));
    assertThat(log.all())
        .containsExactly(
            "C.onStarted",
            "K.onStarted",
            "C.onWorkflowStateChanged[initialized->started]",
            "KC.onStarted",
            "G.onStarted",
            "KC.onWorkflowStateChanged[initialized->started]",
            "Q.onStarted",
            "QW.onStarted",
            "Q.onWorkItemStateChanged[initialized->started]");
    assertThat(log.all()).noneMatch(e -> e.contains(".policy["));
    assertThat(l.r().task("C")).isEqualTo(TaskState.STARTED);
    assertThat(l.k().state()).isEqualTo(WorkflowState.STARTED);
    assertThat(l.k().task("KC")).isEqualTo(TaskState.STARTED);
    assertThat(l.g().state()).isEqualTo(WorkflowState.STARTED);
    assertThat(l.g().task("Q")).isEqualTo(TaskState.STARTED);
    // every start consumed its input
    assertThat(l.r().marked()).isEmpty();
    assertThat(l.k().marked()).isEmpty();
    assertThat(l.g().marked()).isEmpty();
  }

  /**
   * §6.3 E across three levels: the completion climbs bottom-up; at each level the workflow's
   * onCompleted runs before its composite's onWorkflowStateChanged and policy, and the composite's
   * onCompleted before its workflow's.
   */
  @DbTest
  void upwardCompletionCascade(TestDatabase db) {
    var log = new ActivityLog();
    Levels l = upToGrandchild(db, log);
    UUID qw = l.g().initialized("Q");
    l.g().start(qw);
    log.clear();

    l.g().complete(qw);
    assertThat(log.all())
        .containsExactly(
            "QW.onCompleted",
            "Q.onWorkItemStateChanged[started->completed]",
            "Q.policy[started->completed]=COMPLETE",
            "Q.onCompleted",
            "G.onCompleted",
            "KC.onWorkflowStateChanged[started->completed]",
            "KC.policy[started->completed]=COMPLETE",
            "KC.onCompleted",
            "K.onCompleted",
            "C.onWorkflowStateChanged[started->completed]",
            "C.policy[started->completed]=COMPLETE",
            "C.onCompleted",
            "R.onCompleted");
    assertThat(l.r().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(l.k().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(l.g().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(l.r().marked()).containsOnlyKeys("end");
    assertThat(l.k().marked()).containsOnlyKeys("end");
    assertThat(l.g().marked()).containsOnlyKeys("end");
  }

  /**
   * §6.3 F across three levels (default policies): the failure climbs bottom-up; each level fails
   * its task, then its workflow, and reports to the composite above, whose default policy fails it.
   */
  @DbTest
  void upwardFailureCascade(TestDatabase db) {
    var log = new ActivityLog();
    Levels l = upToGrandchild(db, log);
    UUID qw = l.g().initialized("Q");
    l.g().start(qw);
    log.clear();

    l.g().cmd().failWorkItem(qw);
    assertThat(log.all())
        .containsExactly(
            "QW.onFailed",
            "Q.onWorkItemStateChanged[started->failed]",
            "Q.policy[started->failed]=FAIL",
            "Q.onFailed",
            "G.onFailed",
            "KC.onWorkflowStateChanged[started->failed]",
            "KC.policy[started->failed]=FAIL",
            "KC.onFailed",
            "K.onFailed",
            "C.onWorkflowStateChanged[started->failed]",
            "C.policy[started->failed]=FAIL",
            "C.onFailed",
            "R.onFailed");
    assertThat(log.all()).noneMatch(e -> e.endsWith(".onCanceled") || e.endsWith(".onDisabled"));
    assertThat(List.of(l.r().state(), l.k().state(), l.g().state()))
        .containsOnly(WorkflowState.FAILED);
  }

  /**
   * §6.3 G across three levels: cancelling the root tears everything down top-down, but the hooks
   * run bottom-up (children's teardown hooks before their parent's); no policy runs.
   */
  @DbTest
  void downwardTeardownOnRootCancel(TestDatabase db) {
    var log = new ActivityLog();
    Levels l = upToGrandchild(db, log);
    l.g().start(l.g().initialized("Q"));
    log.clear();

    l.r().cmd().cancelWorkflow(l.r().id);
    assertThat(log.all())
        .containsExactly(
            "QW.onCanceled",
            "Q.onWorkItemStateChanged[started->canceled]",
            "Q.onCanceled",
            "G.onCanceled",
            "KC.onWorkflowStateChanged[started->canceled]",
            "KC.onCanceled",
            "K.onCanceled",
            "C.onWorkflowStateChanged[started->canceled]",
            "C.onCanceled",
            "R.onCanceled");
    assertThat(List.of(l.r().state(), l.k().state(), l.g().state()))
        .containsOnly(WorkflowState.CANCELED);
    assertThat(l.r().task("C")).isEqualTo(TaskState.CANCELED);
    assertThat(l.k().task("KC")).isEqualTo(TaskState.CANCELED);
    assertThat(l.g().task("Q")).isEqualTo(TaskState.CANCELED);
  }

  /**
   * Teardown of an enabled composite: cancelling the root before anything below it started
   * withdraws C (onDisabled, not onCanceled), and the children it created are canceled, the
   * grandchild's enabled task withdrawn.
   */
  @DbTest
  void downwardTeardownOfEnabledComposites(TestDatabase db) {
    var log = new ActivityLog();
    Levels l = upToGrandchild(db, log);
    log.clear();

    l.r().cmd().cancelWorkflow(l.r().id);
    assertThat(log.all())
        .containsExactly(
            "QW.onCanceled",
            "Q.onWorkItemStateChanged[initialized->canceled]",
            "Q.onDisabled",
            "G.onCanceled",
            "KC.onWorkflowStateChanged[initialized->canceled]",
            "KC.onDisabled",
            "K.onCanceled",
            "C.onWorkflowStateChanged[initialized->canceled]",
            "C.onDisabled",
            "R.onCanceled");
    assertThat(l.r().task("C")).isEqualTo(TaskState.DISABLED);
    assertThat(l.k().task("KC")).isEqualTo(TaskState.DISABLED);
    assertThat(l.g().task("Q")).isEqualTo(TaskState.DISABLED);
    assertThat(List.of(l.r().state(), l.k().state(), l.g().state()))
        .containsOnly(WorkflowState.CANCELED);
  }

  // ------------------------------------------------------------------------------ CS-004

  static WorkflowDefinition activitiesOrder(ActivityLog log) {
    var child =
        log.workflowHooks(Builder.workflow("activities-order-child"), "child")
            .startCondition("start")
            .task("childTask", log.task("childTask", log.workItem("childWorkItem"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("childTask"))
            .connectTask("childTask", to -> to.condition("end"));
    return log.workflowHooks(Builder.workflow("activities-order-root"), "root")
        .startCondition("start")
        .task("primaryTask", log.task("primaryTask", log.workItem("primaryWorkItem"), 1))
        .compositeTask("reviewComposite", log.compositeTask("reviewComposite", child, 1))
        .endCondition("end")
        .connectCondition("start", to -> to.task("primaryTask"))
        .connectTask("primaryTask", to -> to.task("reviewComposite"))
        .connectTask("reviewComposite", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-004 in full (root + composite + child). The per-element sequences are exact; the policy
   * entries are this suite's recording policies (the original's test records no policy). D8
   * reverses "primaryTask.onEnabled < root.onInitialized", and likewise in the child.
   */
  @DbTest
  void perElementSequencesOfSuccessfulNestedRun(TestDatabase db) {
    var log = new ActivityLog();
    var root = Driver.start(db.engine(activitiesOrder(log)), "activities-order-root");
    root.fire("primaryTask");
    var child = new Driver(root.engine, only(root, "reviewComposite"));
    child.fire("childTask");

    assertThat(root.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(log.of("root")).containsExactly("onInitialized", "onStarted", "onCompleted");
    assertThat(log.of("child")).containsExactly("onInitialized", "onStarted", "onCompleted");
    for (String task : List.of("primaryTask", "childTask")) {
      assertThat(log.of(task))
          .containsExactly(
              "onEnabled",
              "onStarted",
              "onWorkItemStateChanged[initialized->started]",
              "onWorkItemStateChanged[started->completed]",
              "policy[started->completed]=COMPLETE",
              "onCompleted");
    }
    assertThat(log.of("primaryWorkItem"))
        .containsExactly("onInitialized", "onStarted", "onCompleted");
    assertThat(log.of("childWorkItem"))
        .containsExactly("onInitialized", "onStarted", "onCompleted");
    assertThat(log.of("reviewComposite"))
        .containsExactly(
            "onEnabled",
            "onStarted",
            "onWorkflowStateChanged[initialized->started]",
            "onWorkflowStateChanged[started->completed]",
            "policy[started->completed]=COMPLETE",
            "onCompleted");
    assertThat(log.all()).noneMatch(e -> e.endsWith(".onDisabled"));

    List<String> all = log.all();
    // D8: reversed with respect to CS-004, at both levels
    assertThat(all.indexOf("root.onInitialized")).isLessThan(all.indexOf("primaryTask.onEnabled"));
    assertThat(all.indexOf("child.onInitialized")).isLessThan(all.indexOf("childTask.onEnabled"));
    assertThat(all.indexOf("root.onStarted")).isLessThan(all.indexOf("primaryTask.onStarted"));
    assertThat(all.indexOf("primaryTask.onCompleted"))
        .isLessThan(all.indexOf("reviewComposite.onEnabled"));
    assertThat(all.indexOf("reviewComposite.onEnabled"))
        .isLessThan(all.indexOf("child.onInitialized"));
    assertThat(all.indexOf("reviewComposite.onWorkflowStateChanged[started->completed]"))
        .isLessThan(all.indexOf("reviewComposite.onCompleted"));
    assertThat(all.indexOf("reviewComposite.onCompleted"))
        .isLessThan(all.indexOf("root.onCompleted"));
    assertThat(all.indexOf("child.onCompleted"))
        .isLessThan(all.indexOf("reviewComposite.onWorkflowStateChanged[started->completed]"));
  }

  /**
   * CS-004's cross-element order of the cancel path (§6.3): child work item onCanceled < child
   * onCanceled < composite onCanceled < root onCanceled.
   */
  @DbTest
  void crossElementOrderOfCancel(TestDatabase db) {
    var log = new ActivityLog();
    var root = Driver.start(db.engine(activitiesOrder(log)), "activities-order-root");
    root.fire("primaryTask");
    var child = new Driver(root.engine, only(root, "reviewComposite"));
    child.start(child.initialized("childTask"));
    root.cmd().cancelWorkflow(root.id);
    List<String> all = log.all();
    assertThat(all.indexOf("childWorkItem.onCanceled")).isLessThan(all.indexOf("child.onCanceled"));
    assertThat(all.indexOf("child.onCanceled"))
        .isLessThan(all.indexOf("reviewComposite.onCanceled"));
    assertThat(all.indexOf("reviewComposite.onCanceled"))
        .isLessThan(all.indexOf("root.onCanceled"));
    assertThat(all).doesNotContain("root.onFailed", "reviewComposite.onFailed", "child.onFailed");
  }

  /**
   * CS-004's cross-element order of the fail path (§6.3): child work item onFailed < root onFailed.
   */
  @DbTest
  void crossElementOrderOfFailure(TestDatabase db) {
    var log = new ActivityLog();
    var root = Driver.start(db.engine(activitiesOrder(log)), "activities-order-root");
    root.fire("primaryTask");
    var child = new Driver(root.engine, only(root, "reviewComposite"));
    UUID w = child.initialized("childTask");
    child.start(w);
    child.cmd().failWorkItem(w);
    List<String> all = log.all();
    assertThat(all.indexOf("childWorkItem.onFailed")).isLessThan(all.indexOf("root.onFailed"));
    assertThat(all).doesNotContain("root.onCanceled", "reviewComposite.onCanceled");
    assertThat(root.state()).isEqualTo(WorkflowState.FAILED);
  }

  // ------------------------------------------------------------------------------ D5

  /**
   * D5: a composite whose policy completes it on the first completed child cancels its other live
   * children before its onCompleted: the started sibling's work item and task are canceled, the
   * initialized sibling's task withdrawn; their onWorkflowStateChanged runs without a policy call.
   */
  @DbTest
  void completionTearsDownLiveChildrenBeforeOnCompleted(TestDatabase db) {
    var log = new ActivityLog();
    CompositeTaskPolicy firstCompletion =
        ctx ->
            ctx.transition().nextState() == WorkflowState.COMPLETED
                ? PolicyResult.COMPLETE
                : PolicyResult.CONTINUE;
    var child = log.oneTask("K", "Q", "QW");
    var net =
        log.workflowHooks(Builder.workflow("R"), "R")
            .startCondition("start")
            .compositeTask(
                "C",
                log.compositeTask("C", child, 3).withPolicy(log.recording("C", firstCompletion)))
            .task("T", log.task("T", log.workItem("TW"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("C"))
            .connectTask("C", to -> to.task("T"))
            .connectTask("T", to -> to.condition("end"))
            .build();
    var r = Driver.start(db.engine(net), "R");
    List<UUID> kids = r.q().childWorkflows(r.id, "C").stream().map(WorkflowSnapshot::id).toList();
    var first = new Driver(r.engine, kids.get(0));
    var second = new Driver(r.engine, kids.get(1));
    UUID w1 = first.initialized("Q");
    first.start(w1);
    second.start(second.initialized("Q"));
    log.clear();

    first.complete(w1);
    assertThat(log.all())
        .containsExactly(
            "QW.onCompleted",
            "Q.onWorkItemStateChanged[started->completed]",
            "Q.policy[started->completed]=COMPLETE",
            "Q.onCompleted",
            "K.onCompleted",
            "C.onWorkflowStateChanged[started->completed]",
            "C.policy[started->completed]=COMPLETE",
            // the started second child
            "QW.onCanceled",
            "Q.onWorkItemStateChanged[started->canceled]",
            "Q.onCanceled",
            "K.onCanceled",
            "C.onWorkflowStateChanged[started->canceled]",
            // the initialized third child
            "QW.onCanceled",
            "Q.onWorkItemStateChanged[initialized->canceled]",
            "Q.onDisabled",
            "K.onCanceled",
            "C.onWorkflowStateChanged[initialized->canceled]",
            "C.onCompleted",
            "T.onEnabled",
            "TW.onInitialized");
    assertThat(r.q().childWorkflows(r.id, "C"))
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.COMPLETED, WorkflowState.CANCELED, WorkflowState.CANCELED);
  }
}
