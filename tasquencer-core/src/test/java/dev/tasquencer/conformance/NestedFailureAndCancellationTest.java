package dev.tasquencer.conformance;

import static dev.tasquencer.conformance.CompositeNets.child;
import static dev.tasquencer.conformance.CompositeNets.children;
import static dev.tasquencer.conformance.CompositeNets.finish;
import static dev.tasquencer.conformance.CompositeNets.ids;
import static dev.tasquencer.conformance.CompositeNets.parentOf;
import static dev.tasquencer.conformance.CompositeNets.startAndFail;
import static dev.tasquencer.conformance.CompositeNets.workflowA;
import static dev.tasquencer.conformance.CompositeNets.workflowB;
import static dev.tasquencer.testing.Nets.autoInit;
import static dev.tasquencer.testing.Nets.noInit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.tasquencer.api.CompositeTaskPolicy;
import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.CompositeTaskBuilder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/**
 * Failure propagation and cancellation across nesting levels (conformance groups G and H, the parts
 * with composite tasks; spec §9.1, §9.2; D5).
 */
class NestedFailureAndCancellationTest {

  // ------------------------------------------------------------------------------ CS-048

  static WorkflowDefinition complexFailure() {
    var sub1 =
        Builder.workflow("subWorkflow1")
            .startCondition("start")
            .task("sw1_task1", autoInit(2))
            .endCondition("end")
            .connectCondition("start", to -> to.task("sw1_task1"))
            .connectTask("sw1_task1", to -> to.condition("end"));
    var sub2 =
        Builder.workflow("subWorkflow2")
            .startCondition("start")
            .task("sw2_task1", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("sw2_task1"))
            .connectTask("sw2_task1", to -> to.condition("end"));
    return Builder.workflow("complexFailureTest")
        .startCondition("start")
        .task("t1", autoInit())
        .compositeTask(
            "ct2", Builder.compositeTask(sub1).onEnabled(ctx -> ctx.workflow().initialize()))
        .compositeTask(
            "ct3", Builder.compositeTask(sub2).onEnabled(ctx -> ctx.workflow().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("ct2").task("ct3"))
        .connectTask("ct2", to -> to.condition("end"))
        .connectTask("ct3", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-048: a failing sub-workflow fails its composite and the root; the parallel one is canceled.
   */
  @DbTest
  void nestedFailureWithParallelComposites(TestDatabase db) {
    var d = Driver.start(db.engine(complexFailure()), "complexFailureTest");
    d.fire("t1");
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task("ct2")).isEqualTo(TaskState.ENABLED);
    assertThat(d.task("ct3")).isEqualTo(TaskState.ENABLED);
    assertThat(d.q().childWorkflows(d.id, "ct2"))
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.INITIALIZED);
    assertThat(d.q().childWorkflows(d.id, "ct3"))
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.INITIALIZED);

    var sw1 = child(d, "ct2", 0);
    var sw2 = child(d, "ct3", 0);
    List<UUID> w1 = ids(sw1, "sw1_task1");
    assertThat(sw1.wiStates("sw1_task1"))
        .containsExactly(WorkItemState.INITIALIZED, WorkItemState.INITIALIZED);
    w1.forEach(sw1::start);
    UUID w2 = sw2.initialized("sw2_task1");
    sw2.start(w2);

    d.cmd().failWorkItem(w1.get(0));
    assertThat(sw1.wiStates("sw1_task1"))
        .containsExactly(WorkItemState.FAILED, WorkItemState.CANCELED);
    assertThat(sw1.task("sw1_task1")).isEqualTo(TaskState.FAILED);
    assertThat(sw1.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task("ct2")).isEqualTo(TaskState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task("ct3")).isEqualTo(TaskState.CANCELED);
    assertThat(sw2.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(sw2.task("sw2_task1")).isEqualTo(TaskState.CANCELED);
    assertThat(sw2.wiStates("sw2_task1")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
  }

  // ------------------------------------------------------------------------------ CS-051 nets

  /** CS-051's parent: a dynamic composite over A and B whose onEnabled creates A, then B. */
  static WorkflowDefinition dynamicParent(String name, CompositeTaskPolicy policy) {
    CompositeTaskBuilder dyn =
        Builder.dynamicCompositeTask(workflowA(), workflowB())
            .onEnabled(
                ctx -> {
                  ctx.workflow().initialize("WorkflowA", null);
                  ctx.workflow().initialize("WorkflowB", null);
                });
    if (policy != null) {
      dyn = dyn.withPolicy(policy);
    }
    return Builder.workflow(name)
        .startCondition("start")
        .dynamicCompositeTask("dynamicComposite", dyn)
        .endCondition("end")
        .connectCondition("start", to -> to.task("dynamicComposite"))
        .connectTask("dynamicComposite", to -> to.condition("end"))
        .build();
  }

  /** CS-052's policy: complete once every child (of every type) is final, whatever its state. */
  static final CompositeTaskPolicy COMPLETE_WHEN_ALL_FINAL =
      ctx ->
          ctx.task().getStats().finished() == ctx.workflow().getAllWorkflowIds().size()
              ? PolicyResult.COMPLETE
              : PolicyResult.CONTINUE;

  /** The A and B children of the dynamic composite, and B's work item (taskB1 is noInit). */
  record Dyn(Driver parent, Driver a, Driver b) {
    UUID aItem() {
      return a.initialized("taskA1");
    }

    UUID bItem() {
      return b.cmd().initializeWorkItem(b.id, "taskB1", null);
    }
  }

  static Dyn dyn(TestDatabase db, String name, CompositeTaskPolicy policy) {
    var p = Driver.start(db.engine(dynamicParent(name, policy)), name);
    var cw = p.q().childWorkflows(p.id, "dynamicComposite");
    assertThat(cw).extracting(WorkflowSnapshot::name).containsExactly("WorkflowA", "WorkflowB");
    return new Dyn(p, new Driver(p.engine, cw.get(0).id()), new Driver(p.engine, cw.get(1).id()));
  }

  /** CS-052: a custom policy continues after a child failure; the other child completes it. */
  @DbTest
  void dynamicCustomPolicyContinuesAfterChildFailure(TestDatabase db) {
    Dyn x = dyn(db, "parentCustom", COMPLETE_WHEN_ALL_FINAL);
    startAndFail(x.a(), x.aItem());
    assertThat(x.a().state()).isEqualTo(WorkflowState.FAILED);
    assertThat(x.parent().state()).isEqualTo(WorkflowState.STARTED);
    assertThat(x.parent().task("dynamicComposite")).isEqualTo(TaskState.STARTED);

    UUID b = x.bItem();
    x.b().start(b);
    x.b().complete(b);
    assertThat(x.parent().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(x.parent().task("dynamicComposite")).isEqualTo(TaskState.COMPLETED);
  }

  /** CS-053: the custom policy completes the task after every child failed. */
  @DbTest
  void dynamicCustomPolicyCompletesAfterAllChildrenFail(TestDatabase db) {
    Dyn x = dyn(db, "parentCustom", COMPLETE_WHEN_ALL_FINAL);
    startAndFail(x.a(), x.aItem());
    startAndFail(x.b(), x.bItem());
    assertThat(x.a().state()).isEqualTo(WorkflowState.FAILED);
    assertThat(x.b().state()).isEqualTo(WorkflowState.FAILED);
    assertThat(x.parent().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(x.parent().q().stats(x.parent().id, "dynamicComposite").failed()).isEqualTo(2);
  }

  /** CS-054: under the default policy, a failing child fails the parent and cancels its sibling. */
  @DbTest
  void dynamicParentFailureCancelsNonFinalSibling(TestDatabase db) {
    Dyn x = dyn(db, "parentDefault", null);
    UUID b = x.bItem();
    x.b().start(b);
    startAndFail(x.a(), x.aItem());
    assertThat(x.b().state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(x.b().task("taskB1")).isEqualTo(TaskState.CANCELED);
    assertThat(x.b().q().workItemState(b)).isEqualTo(WorkItemState.CANCELED);
    assertThat(x.a().state()).isEqualTo(WorkflowState.FAILED);
    assertThat(x.parent().task("dynamicComposite")).isEqualTo(TaskState.FAILED);
    assertThat(x.parent().state()).isEqualTo(WorkflowState.FAILED);
  }

  /** CS-067: cancelling the parent cancels every initialized child of the dynamic composite. */
  @DbTest
  void dynamicParentCancelCancelsAllInitializedChildren(TestDatabase db) {
    Dyn x = dyn(db, "parent", null);
    assertThat(List.of(x.a().state(), x.b().state())).containsOnly(WorkflowState.INITIALIZED);
    x.parent().cmd().cancelWorkflow(x.parent().id);
    assertThat(x.parent().state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(x.parent().q().childWorkflows(x.parent().id, "dynamicComposite"))
        .extracting(WorkflowSnapshot::state)
        .containsOnly(WorkflowState.CANCELED);
    assertThat(x.parent().task("dynamicComposite")).isEqualTo(TaskState.DISABLED);
    assertThat(x.a().task("taskA1")).isEqualTo(TaskState.DISABLED);
    assertThat(x.a().wiStates("taskA1")).containsExactly(WorkItemState.CANCELED);
  }

  /** CS-069: when every child completes normally, none is canceled (D5 finds nothing live). */
  @DbTest
  void dynamicNormalCompletionCancelsNoChild(TestDatabase db) {
    Dyn x = dyn(db, "parent", null);
    x.a().fire("taskA1");
    assertThat(x.parent().state()).isEqualTo(WorkflowState.STARTED);
    UUID b = x.bItem();
    x.b().start(b);
    x.b().complete(b);
    assertThat(x.parent().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(x.parent().q().childWorkflows(x.parent().id, "dynamicComposite"))
        .extracting(WorkflowSnapshot::state)
        .containsOnly(WorkflowState.COMPLETED);
  }

  // ------------------------------------------------------------------------------ CS-063, 064

  /** CS-063: cancelling the parent cancels the initialized child of the enabled composite. */
  @DbTest
  void parentCancelCancelsInitializedChildOfEnabledComposite(TestDatabase db) {
    var d = Driver.start(db.engine(parentOf("parent", 1)), "parent");
    assertThat(d.q().childWorkflows(d.id, "compositeTask"))
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.INITIALIZED);
    assertThat(d.task("compositeTask")).isEqualTo(TaskState.ENABLED);
    var c = child(d, "compositeTask", 0);

    d.cmd().cancelWorkflow(d.id);
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(c.state()).isEqualTo(WorkflowState.CANCELED);
    // derived in the catalogue: shutdown withdraws the enabled composite
    assertThat(d.task("compositeTask")).isEqualTo(TaskState.DISABLED);
    assertThat(c.task("task1")).isEqualTo(TaskState.DISABLED);
    assertThat(c.wiStates("task1")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.q().stats(d.id, "compositeTask").canceled()).isEqualTo(1);
  }

  /** CS-064: a failing child cancels its non-final sibling child. */
  @DbTest
  void failingChildCancelsNonFinalSiblings(TestDatabase db) {
    var d = Driver.start(db.engine(parentOf("parent-multi-child", 2)), "parent-multi-child");
    var first = child(d, "compositeTask", 0);
    var second = child(d, "compositeTask", 1);
    UUID sw = second.initialized("task1");
    second.start(sw);
    UUID fw = first.initialized("task1");
    first.start(fw);
    first.cmd().failWorkItem(fw);

    assertThat(second.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(second.q().workItemState(sw)).isEqualTo(WorkItemState.CANCELED);
    assertThat(first.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task("compositeTask")).isEqualTo(TaskState.FAILED);
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
  }

  /**
   * CS-065 and CS-055 without their scheduled initialization (scheduling is not implemented yet):
   * failing the only child fails the composite and leaves exactly that one child.
   */
  @DbTest
  void failingOnlyChildLeavesOneChild(TestDatabase db) {
    var d = Driver.start(db.engine(parentOf("parent-with-scheduled", 1)), "parent-with-scheduled");
    assertThat(d.q().childWorkflows(d.id, "compositeTask")).hasSize(1);
    var c = child(d, "compositeTask", 0);
    startAndFail(c, c.initialized("task1"));
    assertThat(d.q().childWorkflows(d.id, "compositeTask"))
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.FAILED);
    assertThat(d.task("compositeTask")).isEqualTo(TaskState.FAILED);

    var dyn = Driver.start(db.engine(dynamicParentOfA()), "parentWithSchedule");
    assertThat(dyn.q().childWorkflows(dyn.id, "dynamicComposite")).hasSize(1);
    var a = child(dyn, "dynamicComposite", 0);
    startAndFail(a, a.initialized("taskA1"));
    assertThat(dyn.q().childWorkflows(dyn.id, "dynamicComposite")).hasSize(1);
    assertThat(dyn.state()).isEqualTo(WorkflowState.FAILED);
  }

  static WorkflowDefinition dynamicParentOfA() {
    return Builder.workflow("parentWithSchedule")
        .startCondition("start")
        .dynamicCompositeTask(
            "dynamicComposite",
            Builder.dynamicCompositeTask(workflowA())
                .onEnabled(ctx -> ctx.workflow().initialize("WorkflowA", null)))
        .endCondition("end")
        .connectCondition("start", to -> to.task("dynamicComposite"))
        .connectTask("dynamicComposite", to -> to.condition("end"))
        .build();
  }

  // ------------------------------------------------------------------------------ CS-066

  /** CS-066: cancelling the root with a running child workflow cancels the child and its item. */
  @DbTest
  void rootCancelWithRunningChild(TestDatabase db) {
    var d = Driver.start(db.engine(GroupJCompositeTest.main()), "main");
    assertThat(d.enabled()).containsExactly("t1");
    d.fire("t1");
    assertThat(d.enabled()).hasSize(2);
    d.fire("t2");
    var c = child(d, "t3", 0);
    assertThat(c.state()).isEqualTo(WorkflowState.INITIALIZED);
    UUID w = c.initialized("subT1");
    c.start(w);
    assertThat(c.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2");

    d.cmd().cancelWorkflow(d.id);
    assertThat(d.in(TaskState.CANCELED)).containsExactly("t3");
    assertThat(c.wiStates("subT1")).containsExactly(WorkItemState.CANCELED);
    assertThat(c.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
  }

  // ------------------------------------------------------------------------------
  // CS-058/059/072/073

  /**
   * The legacy nested nets of CS-058: {@code start → t1 → {t2, t3 = composite(sub)} → t4 → end},
   * sub = {@code start → subT1 → end}. Everything below t1 is created from outside: work items with
   * initializeWorkItem, the sub workflow with initializeWorkflow.
   */
  static WorkflowDefinition legacyNested() {
    var sub =
        Builder.workflow("sub")
            .startCondition("start")
            .task("subT1", noInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("subT1"))
            .connectTask("subT1", to -> to.condition("end"));
    return Builder.workflow("nested")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", noInit())
        .compositeTask("t3", Builder.compositeTask(sub))
        .task("t4", noInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2").task("t3"))
        .connectTask("t2", to -> to.task("t4"))
        .connectTask("t3", to -> to.task("t4"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  /**
   * The common setup of CS-058, 059 and 072: t1 fired; t2 started (the legacy engine started it
   * explicitly; here a work item {@code wi0} starts it) with a second item WI-1 initialized; the
   * sub initialized from outside, WI-2 created on subT1 and started (which starts the sub, then
   * t3).
   */
  record Legacy(Driver root, Driver sub, UUID wi0, UUID wi1, UUID wi2) {}

  static Legacy legacySetup(TestDatabase db, boolean startWi2) {
    var d = Driver.start(db.engine(legacyNested()), "nested");
    d.fire("t1");
    UUID wi0 = d.cmd().initializeWorkItem(d.id, "t2", null);
    d.start(wi0);
    UUID wi1 = d.cmd().initializeWorkItem(d.id, "t2", null);
    UUID sub = d.cmd().initializeWorkflow(d.id, "t3", null, null);
    assertThat(d.task("t3")).isEqualTo(TaskState.ENABLED);
    var s = new Driver(d.engine, sub);
    UUID wi2 = s.cmd().initializeWorkItem(sub, "subT1", null);
    if (startWi2) {
      s.start(wi2);
      assertThat(d.task("t3")).isEqualTo(TaskState.STARTED);
      assertThat(s.state()).isEqualTo(WorkflowState.STARTED);
    }
    return new Legacy(d, s, wi0, wi1, wi2);
  }

  /**
   * CS-058: the sub's work item fails: sub, t3 and root fail; t2 is canceled, t4 stays disabled.
   */
  @DbTest
  void legacyNestedFailureFromChildWorkItem(TestDatabase db) {
    Legacy l = legacySetup(db, true);
    l.sub().cmd().failWorkItem(l.wi2());

    assertThat(l.root().state()).isEqualTo(WorkflowState.FAILED);
    assertThat(l.sub().state()).isEqualTo(WorkflowState.FAILED);
    assertThat(l.root().task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(l.root().task("t2")).isEqualTo(TaskState.CANCELED);
    assertThat(l.root().task("t3")).isEqualTo(TaskState.FAILED);
    assertThat(l.root().task("t4")).isEqualTo(TaskState.DISABLED);
    assertThat(l.sub().task("subT1")).isEqualTo(TaskState.FAILED);
    assertThat(l.root().q().workItemState(l.wi1())).isEqualTo(WorkItemState.CANCELED);
    assertThat(l.root().q().workItemState(l.wi0())).isEqualTo(WorkItemState.CANCELED);
    assertThat(l.sub().q().workItemState(l.wi2())).isEqualTo(WorkItemState.FAILED);
    // the starts consumed every token (the catalogue's "nothing marked" holds here too)
    assertThat(l.root().marked()).isEmpty();
    assertThat(l.sub().marked()).isEmpty();
  }

  /** CS-059: a parent-level work item fails while the child runs: the sub is canceled. */
  @DbTest
  void legacyNestedFailureFromParentWorkItem(TestDatabase db) {
    Legacy l = legacySetup(db, true);
    l.root().start(l.wi1());
    l.root().cmd().failWorkItem(l.wi1());

    assertThat(l.root().state()).isEqualTo(WorkflowState.FAILED);
    assertThat(l.sub().state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(l.root().task("t2")).isEqualTo(TaskState.FAILED);
    assertThat(l.root().task("t3")).isEqualTo(TaskState.CANCELED);
    assertThat(l.root().task("t4")).isEqualTo(TaskState.DISABLED);
    assertThat(l.sub().task("subT1")).isEqualTo(TaskState.CANCELED);
    assertThat(l.root().q().workItemState(l.wi1())).isEqualTo(WorkItemState.FAILED);
    assertThat(l.sub().q().workItemState(l.wi2())).isEqualTo(WorkItemState.CANCELED);
    assertThat(l.root().q().stats(l.root().id, "t3").canceled()).isEqualTo(1);
  }

  /** CS-072: cancelling the root while the child runs cancels everything below it. */
  @DbTest
  void legacyNestedCancelWhileChildRuns(TestDatabase db) {
    Legacy l = legacySetup(db, true);
    l.root().cmd().cancelWorkflow(l.root().id);

    assertThat(l.root().state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(l.sub().state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(l.root().task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(l.root().task("t2")).isEqualTo(TaskState.CANCELED);
    assertThat(l.root().task("t3")).isEqualTo(TaskState.CANCELED);
    assertThat(l.root().task("t4")).isEqualTo(TaskState.DISABLED);
    assertThat(l.sub().task("subT1")).isEqualTo(TaskState.CANCELED);
    assertThat(l.root().q().workItemState(l.wi1())).isEqualTo(WorkItemState.CANCELED);
    assertThat(l.sub().q().workItemState(l.wi2())).isEqualTo(WorkItemState.CANCELED);
  }

  /**
   * CS-073: cancelling the root after the child completed: the completed sub and t3 stay completed,
   * with their markings (derived: t3__to__t4 and the sub's end stay marked).
   */
  @DbTest
  void legacyNestedCancelAfterChildCompleted(TestDatabase db) {
    Legacy l = legacySetup(db, true);
    l.sub().complete(l.wi2());
    assertThat(l.sub().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(l.root().task("t3")).isEqualTo(TaskState.COMPLETED);
    l.root().start(l.wi1());
    l.root().cmd().cancelWorkflow(l.root().id);

    assertThat(l.root().state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(l.sub().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(l.sub().marked()).containsOnly(entry("end", 1));
    assertThat(l.root().task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(l.root().task("t2")).isEqualTo(TaskState.CANCELED);
    assertThat(l.root().task("t3")).isEqualTo(TaskState.COMPLETED);
    assertThat(l.root().task("t4")).isEqualTo(TaskState.DISABLED);
    assertThat(l.sub().task("subT1")).isEqualTo(TaskState.COMPLETED);
    assertThat(l.root().q().workItemState(l.wi1())).isEqualTo(WorkItemState.CANCELED);
    assertThat(l.sub().q().workItemState(l.wi2())).isEqualTo(WorkItemState.COMPLETED);
    assertThat(l.root().marked()).containsOnly(entry("t3__to__t4", 1));
  }

  // ------------------------------------------------------------------------------ 3 levels

  /**
   * One level of the failure net: {@code start → split → {X, S, E} → join → end}, where X is the
   * element under test (a composite, or the failing task Q with two work items), S a sibling that
   * will be started and E a sibling that stays enabled.
   */
  static WorkflowBuilder level(
      String name, String prefix, TaskBuilder x, CompositeTaskBuilder cx, ActivityLog log) {
    WorkflowBuilder w =
        log.workflowHooks(Builder.workflow(name), name)
            .startCondition("start")
            .task(prefix + "split", autoInit());
    String xName = cx != null ? prefix + "C" : "Q";
    w = cx != null ? w.compositeTask(xName, cx) : w.task(xName, x);
    return w.task(prefix + "S", log.task(prefix + "S", log.workItem(prefix + "Sw"), 1))
        .task(prefix + "E", log.task(prefix + "E", log.workItem(prefix + "Ew"), 1))
        .task(prefix + "join", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task(prefix + "split"))
        .connectTask(prefix + "split", to -> to.task(xName).task(prefix + "S").task(prefix + "E"))
        .connectTask(xName, to -> to.task(prefix + "join"))
        .connectTask(prefix + "S", to -> to.task(prefix + "join"))
        .connectTask(prefix + "E", to -> to.task(prefix + "join"))
        .connectTask(prefix + "join", to -> to.condition("end"));
  }

  /**
   * Root R (composite RC over K, two children), child K (composite KC over G, two children),
   * grandchild G (task Q with two work items). {@code kcPolicy} is KC's policy (null: default).
   */
  static WorkflowDefinition failureNet(ActivityLog log, CompositeTaskPolicy kcPolicy) {
    WorkflowBuilder g = level("G", "g", log.task("Q", log.workItem("Qw"), 2), null, log);
    CompositeTaskBuilder kc = log.compositeTask("kC", g, 2);
    if (kcPolicy != null) {
      kc = kc.withPolicy(log.recording("kC", kcPolicy));
    }
    WorkflowBuilder k = level("K", "k", null, kc, log);
    return level("R", "r", null, log.compositeTask("rC", k, 2), log).build();
  }

  /** Every driver of the failure net, set up as in {@link #failureSetup}. */
  record Tree(Driver r, Driver k1, Driver k2, Driver g1, Driver g2, List<UUID> q) {}

  /**
   * At every level the split is fired and S's work item started (E stays enabled). In K1, both
   * grandchildren run: G1 with both of Q's items started, G2 with its split fired. K2 runs, its
   * grandchildren stay initialized.
   */
  static Tree failureSetup(TestDatabase db, ActivityLog log, CompositeTaskPolicy kcPolicy) {
    var r = Driver.start(db.engine(failureNet(log, kcPolicy)), "R");
    r.fire("rsplit");
    r.start(r.initialized("rS"));
    var k1 = child(r, "rC", 0);
    var k2 = child(r, "rC", 1);
    for (Driver k : List.of(k1, k2)) {
      k.fire("ksplit");
      k.start(k.initialized("kS"));
    }
    var g1 = child(k1, "kC", 0);
    var g2 = child(k1, "kC", 1);
    for (Driver g : List.of(g1, g2)) {
      g.fire("gsplit");
      g.start(g.initialized("gS"));
    }
    List<UUID> q = ids(g1, "Q");
    q.forEach(g1::start);
    return new Tree(r, k1, k2, g1, g2, q);
  }

  /**
   * A failure in a grandchild with default policies at every level: the states follow the table
   * "Summary of States During Propagation" (CORE_CONCEPTS) at every level up to the root. The
   * originating work item and task fail; sibling tasks are canceled when started, withdrawn
   * (disabled) when enabled; each workflow fails; sibling child workflows are canceled; nothing but
   * the chain of originators runs onFailed.
   */
  @DbTest
  void grandchildFailurePropagatesToTheRoot(TestDatabase db) {
    var log = new ActivityLog();
    Tree t = failureSetup(db, log, null);
    log.clear();

    t.g1().cmd().failWorkItem(t.q().get(0));

    // grandchild G1: originating work item and task
    assertThat(t.g1().wiStates("Q")).containsExactly(WorkItemState.FAILED, WorkItemState.CANCELED);
    assertThat(t.g1().task("Q")).isEqualTo(TaskState.FAILED);
    assertLevelFailed(t.g1(), "g");
    // sibling grandchild G2 (started) is canceled, with its tasks
    assertLevelCanceled(t.g2(), "g", TaskState.ENABLED);
    assertThat(t.g2().task("Q")).isEqualTo(TaskState.DISABLED);
    // child K1: its composite failed, siblings canceled/withdrawn, workflow failed
    assertThat(t.k1().task("kC")).isEqualTo(TaskState.FAILED);
    assertLevelFailed(t.k1(), "k");
    // sibling child K2 (started) canceled; its composite withdrawn, its grandchildren canceled
    assertLevelCanceled(t.k2(), "k", TaskState.ENABLED);
    assertThat(t.k2().task("kC")).isEqualTo(TaskState.DISABLED);
    assertThat(t.k2().q().childWorkflows(t.k2().id, "kC"))
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.CANCELED, WorkflowState.CANCELED);
    // root
    assertThat(t.r().task("rC")).isEqualTo(TaskState.FAILED);
    assertLevelFailed(t.r(), "r");

    // onFailed only along the chain of originators, bottom-up
    assertThat(log.all().stream().filter(e -> e.endsWith(".onFailed")).toList())
        .containsExactly(
            "Qw.onFailed",
            "Q.onFailed",
            "G.onFailed",
            "kC.onFailed",
            "K.onFailed",
            "rC.onFailed",
            "R.onFailed");
    // lateral cleanup of each level runs before that level's workflow fails
    List<String> all = log.all();
    assertThat(all.indexOf("gS.onCanceled")).isLessThan(all.indexOf("G.onFailed"));
    assertThat(all.indexOf("gE.onDisabled")).isLessThan(all.indexOf("G.onFailed"));
    // (indexOf: the first entries are K1's and G1's own; K2's and G2's teardown comes later)
    assertThat(all.indexOf("kS.onCanceled")).isLessThan(all.indexOf("K.onFailed"));
    assertThat(all.indexOf("kC.onWorkflowStateChanged[started->canceled]"))
        .isLessThan(all.indexOf("kC.onFailed"));
    assertThat(all.indexOf("kC.onFailed")).isLessThan(all.indexOf("K.onFailed"));
    assertThat(all.indexOf("rC.onWorkflowStateChanged[started->canceled]"))
        .isLessThan(all.indexOf("rC.onFailed"));
    assertThat(all.indexOf("rS.onCanceled")).isLessThan(all.indexOf("R.onFailed"));
    // teardown cancellations call no policy: one policy call per level, each FAIL
    assertThat(all.stream().filter(e -> e.contains(".policy[")).toList())
        .containsExactly(
            "Q.policy[started->failed]=FAIL",
            "kC.policy[started->failed]=FAIL",
            "rC.policy[started->failed]=FAIL");
  }

  /** A workflow level that failed: split completed, S canceled, E withdrawn, join never enabled. */
  private static void assertLevelFailed(Driver d, String p) {
    assertThat(d.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task(p + "split")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task(p + "S")).isEqualTo(TaskState.CANCELED);
    assertThat(d.wiStates(p + "S")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task(p + "E")).isEqualTo(TaskState.DISABLED);
    assertThat(d.wiStates(p + "E")).containsExactly(WorkItemState.CANCELED);
    assertThat(d.task(p + "join")).isEqualTo(TaskState.DISABLED);
    assertThat(d.generation(p + "join")).isZero();
  }

  /** A sibling workflow level torn down: canceled, never failed. */
  private static void assertLevelCanceled(Driver d, String p, TaskState eBefore) {
    assertThat(d.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task(p + "split")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.task(p + "S")).isEqualTo(TaskState.CANCELED);
    assertThat(d.wiStates(p + "S")).containsExactly(WorkItemState.CANCELED);
    assertThat(eBefore).isEqualTo(TaskState.ENABLED);
    assertThat(d.task(p + "E")).isEqualTo(TaskState.DISABLED);
    assertThat(d.q().tasks(d.id)).noneMatch(x -> x.state() == TaskState.FAILED);
  }

  /**
   * The same failure with a {@code continue} policy on the middle composite KC: propagation stops
   * there. G1 failed (with its own lateral cleanup), KC, K1, RC and the root stay started, the
   * sibling grandchild G2 keeps running; a later completion of G2 completes KC.
   */
  @DbTest
  void continuePolicyInTheMiddleStopsPropagation(TestDatabase db) {
    var log = new ActivityLog();
    CompositeTaskPolicy continueOnFailure =
        ctx -> {
          if (ctx.transition().nextState() == WorkflowState.FAILED) {
            return ctx.task().getStats().allFinal() ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
          }
          return CompositeTaskPolicy.DEFAULT.decide(ctx);
        };
    Tree t = failureSetup(db, log, continueOnFailure);
    log.clear();

    t.g1().cmd().failWorkItem(t.q().get(0));

    assertThat(t.g1().task("Q")).isEqualTo(TaskState.FAILED);
    assertLevelFailed(t.g1(), "g");
    assertThat(t.g2().state()).isEqualTo(WorkflowState.STARTED);
    assertThat(t.g2().task("gS")).isEqualTo(TaskState.STARTED);
    assertThat(t.k1().task("kC")).isEqualTo(TaskState.STARTED);
    assertThat(t.k1().state()).isEqualTo(WorkflowState.STARTED);
    assertThat(t.k1().task("kS")).isEqualTo(TaskState.STARTED);
    assertThat(t.k1().task("kE")).isEqualTo(TaskState.ENABLED);
    assertThat(t.k2().state()).isEqualTo(WorkflowState.STARTED);
    assertThat(t.r().task("rC")).isEqualTo(TaskState.STARTED);
    assertThat(t.r().state()).isEqualTo(WorkflowState.STARTED);
    assertThat(log.all().stream().filter(e -> e.endsWith(".onFailed")).toList())
        .containsExactly("Qw.onFailed", "Q.onFailed", "G.onFailed");
    assertThat(log.all()).contains("kC.policy[started->failed]=CONTINUE");
    assertThat(t.k1().q().stats(t.k1().id, "kC"))
        .satisfies(
            s -> {
              assertThat(s.failed()).isEqualTo(1);
              assertThat(s.started()).isEqualTo(1);
            });

    // G2 runs to its end: KC completes (every child final), K1 goes on
    for (String task : List.of("gS", "gE", "Q", "gjoin")) {
      finish(t.g2(), task);
    }
    assertThat(t.g2().state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(t.k1().task("kC")).isEqualTo(TaskState.COMPLETED);
    assertThat(t.k1().state()).isEqualTo(WorkflowState.STARTED);
    assertThat(t.r().state()).isEqualTo(WorkflowState.STARTED);
  }

  // ------------------------------------------------------------------------------ D5

  /**
   * CS-100, adjusted by D5. Net as CS-058 with autoInit tasks; t3 creates three sub workflows and
   * completes as soon as one of them completed. The original leaves the two others running; here
   * their completion cancels them (their subT1 withdrawn), as the legacy engine did.
   */
  @DbTest
  void compositeCompletingOnFirstChildCancelsTheOthers(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(firstChildWins(log)), "firstChildWins");
    d.fire("t1");
    d.fire("t2");
    List<UUID> subs = children(d, "t3");
    assertThat(subs).hasSize(3);
    var w2 = new Driver(d.engine, subs.get(0));
    w2.fire("subT1");

    assertThat(w2.state()).isEqualTo(WorkflowState.COMPLETED);
    for (UUID id : subs.subList(1, 3)) {
      var other = new Driver(d.engine, id);
      assertThat(other.state()).isEqualTo(WorkflowState.CANCELED);
      assertThat(other.task("subT1")).isEqualTo(TaskState.DISABLED);
      assertThat(other.wiStates("subT1")).containsExactly(WorkItemState.CANCELED);
    }
    assertThat(d.task("t3")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("t4");
    assertThat(d.marked()).containsOnly(entry("t2__to__t4", 1), entry("t3__to__t4", 1));
    assertThat(w2.marked()).containsOnly(entry("end", 1));
    d.fire("t4");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  static final CompositeTaskPolicy FIRST_COMPLETION =
      ctx ->
          switch (ctx.transition().nextState()) {
            case COMPLETED -> PolicyResult.COMPLETE;
            case FAILED -> PolicyResult.FAIL;
            default -> PolicyResult.CONTINUE;
          };

  static WorkflowDefinition firstChildWins(ActivityLog log) {
    var sub =
        log.workflowHooks(Builder.workflow("sub"), "sub")
            .startCondition("start")
            .task("subT1", log.task("subT1", log.workItem("subW"), 1))
            .endCondition("end")
            .connectCondition("start", to -> to.task("subT1"))
            .connectTask("subT1", to -> to.condition("end"));
    return Builder.workflow("firstChildWins")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", autoInit())
        .compositeTask(
            "t3", log.compositeTask("t3", sub, 3).withPolicy(log.recording("t3", FIRST_COMPLETION)))
        .task("t4", log.task("t4", log.workItem("t4w"), 1))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2").task("t3"))
        .connectTask("t2", to -> to.task("t4"))
        .connectTask("t3", to -> to.task("t4"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  /**
   * D5 with a sibling still running: the composite completes on the first child; the running
   * sibling ends canceled with its work item and task; the composite's policy is not asked again
   * (teardown), no token is produced twice, t4 is enabled once, and the canceled sibling's work
   * item can no longer complete.
   */
  @DbTest
  void completionWhileSiblingRunsCancelsItAndProducesOneToken(TestDatabase db) {
    var log = new ActivityLog();
    var d = Driver.start(db.engine(firstChildWins(log)), "firstChildWins");
    d.fire("t1");
    d.fire("t2");
    List<UUID> subs = children(d, "t3");
    var winner = new Driver(d.engine, subs.get(0));
    var running = new Driver(d.engine, subs.get(1));
    UUID rw = running.initialized("subT1");
    running.start(rw);
    UUID ww = winner.initialized("subT1");
    winner.start(ww);
    winner.complete(ww);

    assertThat(running.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(running.task("subT1")).isEqualTo(TaskState.CANCELED);
    assertThat(running.q().workItemState(rw)).isEqualTo(WorkItemState.CANCELED);
    assertThat(new Driver(d.engine, subs.get(2)).state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task("t3")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.q().stats(d.id, "t3"))
        .satisfies(
            s -> {
              assertThat(s.total()).isEqualTo(3);
              assertThat(s.completed()).isEqualTo(1);
              assertThat(s.canceled()).isEqualTo(2);
            });
    assertThat(d.marked()).containsOnly(entry("t2__to__t4", 1), entry("t3__to__t4", 1));
    assertThat(log.of("t3"))
        .filteredOn(e -> e.startsWith("policy") || e.equals("onCompleted"))
        .containsExactly("policy[started->completed]=COMPLETE", "onCompleted");
    assertThat(log.of("t4")).containsExactly("onEnabled");

    assertThatThrownBy(() -> running.complete(rw))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(d.task("t3")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("t2__to__t4", 1), entry("t3__to__t4", 1));
    assertThat(log.of("t4")).containsExactly("onEnabled");
    assertThat(d.generation("t4")).isEqualTo(1);

    d.fire("t4");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(log.of("t4")).containsOnlyOnce("onCompleted");
  }

  /**
   * An explicit cancel of a child workflow reports to its composite with a policy call (unlike a
   * teardown): under the default policy, cancelling the only live child completes the composite.
   */
  @DbTest
  void explicitChildCancelIsReportedToThePolicy(TestDatabase db) {
    var d = Driver.start(db.engine(parentOf("parent-multi-child", 2)), "parent-multi-child");
    var first = child(d, "compositeTask", 0);
    var second = child(d, "compositeTask", 1);
    first.fire("task1");
    assertThat(d.task("compositeTask")).isEqualTo(TaskState.STARTED);
    d.cmd().cancelWorkflow(second.id);
    assertThat(second.state()).isEqualTo(WorkflowState.CANCELED);
    assertThat(second.task("task1")).isEqualTo(TaskState.DISABLED);
    assertThat(d.task("compositeTask")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }
}
