package dev.tasquencer.conformance;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.InstanceState;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Conformance group N: audit and time travel, adjusted to this engine's history (docs/history.md).
 * The original writes spans (a tree per command) and reconstructs a workflow's state at an instant;
 * here history is a numbered list of events per root, written in the call's transaction, and {@code
 * stateAt} reconstructs a workflow after any event (or at an instant). The scenarios that check
 * span mechanics (trace ids, temporary traces, context recovery, flush payloads, depth and parent
 * links: CS-168 to 170, 172, 173, 175, 176, 179 to 181, 183 to 189, 191, 193) have no counterpart;
 * what they protect (one history per root across calls, nested workflows in their root's history,
 * nothing lost between calls) is checked by CS-171, 174, 178, 192 and 195 below. Markings and join
 * inputs need {@link HistoryLevel#FULL}, so these scenarios run at that level.
 */
class GroupNHistoryTest {

  /** The time-travel net: {@code start → taskA → c1 → taskB → end} (autoInit). */
  static WorkflowDefinition simpleTimeTravel() {
    return Builder.workflow("simpleTimeTravel")
        .startCondition("start")
        .condition("c1")
        .task("taskA", autoInit())
        .task("taskB", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("taskA"))
        .connectTask("taskA", to -> to.condition("c1"))
        .connectCondition("c1", to -> to.task("taskB"))
        .connectTask("taskB", to -> to.condition("end"))
        .build();
  }

  static Tasquencer full(TestDatabase db, ManualClock clock, WorkflowDefinition... defs) {
    return db.engine(Tasquencer.builder().history(HistoryLevel.FULL).clock(clock).register(defs));
  }

  static Tasquencer full(TestDatabase db, WorkflowDefinition... defs) {
    return full(db, ManualClock.startingNow(), defs);
  }

  static List<HistoryEvent> events(Driver d) {
    return d.q().history(d.id, HistoryFilter.ALL, HistoryPage.first(1000)).events();
  }

  static InstanceState now(Driver d) {
    return d.q().stateAt(d.id, d.q().state(d.id).seq());
  }

  static List<HistoryEvent> conditionEvents(Driver d, String condition) {
    return events(d).stream()
        .filter(e -> e.element() == ElementKind.CONDITION && condition.equals(e.condition()))
        .toList();
  }

  /** CS-148: the work item's creation names it, and the state shows it initialized. */
  @DbTest
  void workItemInitializeEventCarriesTheWorkItemId(TestDatabase db) {
    Driver d = Driver.start(full(db, simpleTimeTravel()), "simpleTimeTravel");
    UUID wi = d.initialized("taskA");
    HistoryEvent created =
        events(d).stream()
            .filter(e -> e.element() == ElementKind.WORK_ITEM && e.event().equals("initialize"))
            .findFirst()
            .orElseThrow();
    assertThat(created.workItemId()).isEqualTo(wi);
    assertThat(created.task()).isEqualTo("taskA");
    assertThat(now(d).workItems())
        .extracting(
            InstanceState.WorkItem::id, InstanceState.WorkItem::task, InstanceState.WorkItem::state)
        .containsExactly(tuple(wi, "taskA", WorkItemState.INITIALIZED));
  }

  /** CS-149: mid-execution; the end condition is listed with 0 tokens (the original omits it). */
  @DbTest
  void midExecutionState(TestDatabase db) {
    Driver d = Driver.start(full(db, simpleTimeTravel()), "simpleTimeTravel");
    d.fire("taskA");
    InstanceState s = now(d);
    assertThat(s.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(s.marking())
        .containsEntry("start", 0)
        .containsEntry("c1", 1)
        .containsEntry("end", 0);
    assertThat(s.task("taskA").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(s.task("taskB").state()).isEqualTo(TaskState.ENABLED);
    assertThat(s.task("taskB").generation()).isEqualTo(1);
  }

  /** CS-150 and CS-159: the final state; the end token stays. */
  @DbTest
  void finalState(TestDatabase db) {
    ManualClock clock = ManualClock.startingNow();
    Driver d = Driver.start(full(db, clock, simpleTimeTravel()), "simpleTimeTravel");
    clock.advance(Duration.ofMillis(100));
    d.fire("taskA");
    clock.advance(Duration.ofMillis(100));
    d.fire("taskB");
    clock.advance(Duration.ofSeconds(5));
    InstanceState s = d.q().stateAt(d.id, clock.instant());
    assertThat(s.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.marking())
        .containsEntry("start", 0)
        .containsEntry("c1", 0)
        .containsEntry("end", 1);
    assertThat(s.task("taskA").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(s.task("taskB").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(s).isEqualTo(d.q().state(d.id));
  }

  /** CS-151: the creation names the workflow and does not embed its structure. */
  @DbTest
  void creationNamesTheWorkflowWithoutItsStructure(TestDatabase db) {
    Driver d = Driver.start(full(db, simpleTimeTravel()), "simpleTimeTravel");
    HistoryEvent created = events(d).get(0);
    assertThat(created.seq()).isEqualTo(1);
    assertThat(created.element()).isEqualTo(ElementKind.WORKFLOW);
    assertThat(created.event()).isEqualTo("initialize");
    assertThat(created.payloadJson())
        .isEqualTo(
            "{\"definition\":\"simpleTimeTravel\",\"level\":\"full\",\"name\":\"simpleTimeTravel\","
                + "\"version\":\"v1\"}");
  }

  /**
   * CS-152: enabling records the join and its input markings (the original also records the split
   * and a joinSatisfied flag, which is always true on an enable).
   */
  @DbTest
  void enableRecordsTheJoinAndItsInputs(TestDatabase db) {
    Driver d = Driver.start(full(db, simpleTimeTravel()), "simpleTimeTravel");
    HistoryEvent enable =
        events(d).stream()
            .filter(e -> "taskA".equals(e.task()) && e.event().equals("enable"))
            .findFirst()
            .orElseThrow();
    assertThat(enable.payloadJson()).isEqualTo("{\"inputs\":{\"start\":1},\"join\":\"and\"}");
  }

  /** CS-154, CS-155 and CS-156: a produced token, then the consuming start; and the enable. */
  @DbTest
  void markingChangesAreRecorded(TestDatabase db) {
    Driver d = Driver.start(full(db, simpleTimeTravel()), "simpleTimeTravel");
    d.fire("taskA");
    assertThat(conditionEvents(d, "c1"))
        .extracting(HistoryEvent::event, HistoryEvent::fromState, HistoryEvent::toState)
        .containsExactly(tuple("produce", "0", "1"));
    assertThat(events(d)).anyMatch(e -> "taskB".equals(e.task()) && e.event().equals("enable"));
    d.start(d.initialized("taskB"));
    assertThat(conditionEvents(d, "c1"))
        .extracting(HistoryEvent::event, HistoryEvent::fromState, HistoryEvent::toState)
        .containsExactly(tuple("produce", "0", "1"), tuple("consume", "1", "0"));
  }

  static WorkflowDefinition endConditionTest() {
    return Builder.workflow("endConditionTest")
        .startCondition("start")
        .task("task1", autoInit())
        .task("task2", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("task1"))
        .connectTask("task1", to -> to.task("task2"))
        .connectTask("task2", to -> to.condition("end"))
        .build();
  }

  /** CS-157, CS-158 and CS-159: the end is marked once, on completion, and stays marked. */
  @DbTest
  void endConditionIsMarkedOnceOnCompletion(TestDatabase db) {
    Driver d = Driver.start(full(db, endConditionTest()), "endConditionTest");
    assertThat(conditionEvents(d, "end")).isEmpty();
    assertThat(now(d).marking()).containsEntry("end", 0);
    d.fire("task1");
    d.fire("task2");
    assertThat(conditionEvents(d, "end"))
        .extracting(HistoryEvent::fromState, HistoryEvent::toState)
        .containsExactly(tuple("0", "1"));
    InstanceState s = now(d);
    assertThat(s.marking()).containsEntry("end", 1).containsEntry("start", 0);
    assertThat(s.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  static WorkflowBuilder childWorkflow() {
    return Builder.workflow("childWorkflow")
        .startCondition("childStart")
        .task("childTask1", autoInit())
        .task("childTask2", autoInit())
        .endCondition("childEnd")
        .connectCondition("childStart", to -> to.task("childTask1"))
        .connectTask("childTask1", to -> to.task("childTask2"))
        .connectTask("childTask2", to -> to.condition("childEnd"));
  }

  static WorkflowDefinition parentWorkflow() {
    return Builder.workflow("parentWorkflow")
        .startCondition("parentStart")
        .task("parentTask1", autoInit())
        .compositeTask(
            "compositeTask",
            Builder.compositeTask(childWorkflow()).onEnabled(ctx -> ctx.workflow().initialize()))
        .task("parentTask2", autoInit())
        .endCondition("parentEnd")
        .connectCondition("parentStart", to -> to.task("parentTask1"))
        .connectTask("parentTask1", to -> to.task("compositeTask"))
        .connectTask("compositeTask", to -> to.task("parentTask2"))
        .connectTask("parentTask2", to -> to.condition("parentEnd"))
        .build();
  }

  /**
   * CS-163, CS-165 and CS-174: a child workflow's events are in its root's history; the state of
   * each workflow holds its own elements only, and the parent lists its child.
   */
  @DbTest
  void parentAndChildStatesHoldTheirOwnElements(TestDatabase db) {
    Driver d = Driver.start(full(db, parentWorkflow()), "parentWorkflow");
    d.fire("parentTask1");
    Driver child = CompositeNets.child(d, "compositeTask", 0);
    child.fire("childTask1");
    long mid = d.q().state(d.id).seq();
    child.fire("childTask2");
    d.fire("parentTask2");

    assertThat(events(d)).anyMatch(e -> e.workflowId().equals(child.id));
    assertThat(d.q().history(child.id, HistoryFilter.ALL, HistoryPage.first(10)).events())
        .as("a child has no history of its own: it is in its root's")
        .isEmpty();

    InstanceState parent = now(d);
    assertThat(parent.tasks())
        .extracting(InstanceState.Task::name, InstanceState.Task::state)
        .containsExactly(
            tuple("parentTask1", TaskState.COMPLETED),
            tuple("compositeTask", TaskState.COMPLETED),
            tuple("parentTask2", TaskState.COMPLETED));
    assertThat(parent.marking())
        .containsOnlyKeys(
            "parentStart",
            "parentEnd",
            "parentTask1__to__compositeTask",
            "compositeTask__to__parentTask2");
    assertThat(parent.children())
        .extracting(
            InstanceState.Child::id,
            InstanceState.Child::name,
            InstanceState.Child::task,
            InstanceState.Child::generation,
            InstanceState.Child::state)
        .containsExactly(
            tuple(child.id, "childWorkflow", "compositeTask", 1, WorkflowState.COMPLETED));

    InstanceState c = child.q().stateAt(child.id, mid);
    assertThat(c.rootId()).isEqualTo(d.id);
    assertThat(c.tasks())
        .extracting(InstanceState.Task::name, InstanceState.Task::state)
        .containsExactly(
            tuple("childTask1", TaskState.COMPLETED), tuple("childTask2", TaskState.ENABLED));
    assertThat(d.q().stateAt(d.id, mid).children())
        .extracting(InstanceState.Child::state)
        .containsExactly(WorkflowState.STARTED);
  }

  /** CS-167: a completed task stays completed at every later instant. */
  @DbTest
  void completedTasksStayCompletedLater(TestDatabase db) {
    ManualClock clock = ManualClock.startingNow();
    Driver d = Driver.start(full(db, clock, endConditionTest()), "endConditionTest");
    clock.advance(Duration.ofSeconds(1));
    d.fire("task1");
    Instant t1 = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    d.fire("task2");
    Instant t2 = clock.instant();
    assertThat(d.q().stateAt(d.id, t1).task("task1").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(d.q().stateAt(d.id, t1).task("task2").state()).isEqualTo(TaskState.ENABLED);
    assertThat(d.q().stateAt(d.id, t2).task("task1").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(d.q().stateAt(d.id, t2).task("task2").state()).isEqualTo(TaskState.COMPLETED);
    assertThat(d.q().stateAt(d.id, t2.plusSeconds(3600)).state())
        .isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * CS-171, CS-178, CS-182 and CS-195: one history per root across calls, numbered in order, its
   * times never going back; each call's events carry its command id, one call after the other.
   */
  @DbTest
  void oneOrderedHistoryAcrossCalls(TestDatabase db) {
    ManualClock clock = ManualClock.startingNow();
    Tasquencer engine = full(db, clock, endConditionTest());
    Driver d = Driver.start(engine, "endConditionTest");
    for (String t : List.of("task1", "task2")) {
      clock.advance(Duration.ofMillis(10));
      UUID w = d.initialized(t);
      d.start(w);
      clock.advance(Duration.ofMillis(10));
      d.complete(w);
    }
    List<HistoryEvent> events = events(d);
    assertThat(events).extracting(HistoryEvent::seq).isSorted().doesNotHaveDuplicates();
    assertThat(events).extracting(HistoryEvent::at).isSorted();
    assertThat(events.stream().map(HistoryEvent::commandId).distinct().count()).isEqualTo(5);
    assertThat(events.get(events.size() - 1))
        .extracting(HistoryEvent::element, HistoryEvent::event, HistoryEvent::origin)
        .containsExactly(ElementKind.WORKFLOW, "complete", Origin.ENGINE);
  }

  /** CS-190: cancelling a nested workflow records its cancellation in the root's history. */
  @DbTest
  void cancellingANestedWorkflowIsRecorded(TestDatabase db) {
    Driver d = Driver.start(full(db, parentWorkflow()), "parentWorkflow");
    d.fire("parentTask1");
    UUID child = CompositeNets.children(d, "compositeTask").get(0);
    d.cmd().cancelWorkflow(child);
    assertThat(events(d))
        .filteredOn(
            e ->
                e.workflowId().equals(child)
                    && e.element() == ElementKind.WORKFLOW
                    && e.event().equals("cancel"))
        .extracting(
            HistoryEvent::element,
            HistoryEvent::fromState,
            HistoryEvent::toState,
            HistoryEvent::origin)
        .containsExactly(tuple(ElementKind.WORKFLOW, "initialized", "canceled", Origin.INTERNAL));
  }

  /** CS-192: everything one call does (auto-start, auto-complete, completion) lands in history. */
  @DbTest
  void autoTriggersOfOneCallAreAllRecorded(TestDatabase db) {
    var item =
        Builder.workItem("auto")
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(ctx -> ctx.workItem().complete());
    WorkflowDefinition def =
        Builder.workflow("scheduleTraceFlushTest")
            .startCondition("start")
            .task("t", Builder.task(item).onEnabled(ctx -> ctx.workItem().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask("t", to -> to.condition("end"))
            .build();
    Driver d = Driver.start(full(db, def), "scheduleTraceFlushTest");
    List<HistoryEvent> events = events(d);
    assertThat(events.stream().map(HistoryEvent::commandId).distinct()).hasSize(1);
    assertThat(events)
        .extracting(HistoryEvent::element, HistoryEvent::event)
        .contains(
            tuple(ElementKind.WORKFLOW, "initialize"),
            tuple(ElementKind.WORK_ITEM, "initialize"),
            tuple(ElementKind.WORK_ITEM, "start"),
            tuple(ElementKind.WORK_ITEM, "complete"),
            tuple(ElementKind.WORKFLOW, "complete"));
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * CS-197 and the original's gap D8: a reset is recorded (started → initialized), and the
   * reconstructed work item is initialized again.
   */
  @DbTest
  void resetIsRecordedAndReconstructed(TestDatabase db) {
    Driver d = Driver.start(full(db, simpleTimeTravel()), "simpleTimeTravel");
    UUID w = d.initialized("taskA");
    d.start(w);
    long started = d.q().state(d.id).seq();
    d.cmd().resetWorkItem(w);
    assertThat(events(d))
        .filteredOn(e -> w.equals(e.workItemId()) && e.event().equals("reset"))
        .extracting(HistoryEvent::fromState, HistoryEvent::toState)
        .containsExactly(tuple("started", "initialized"));
    assertThat(d.q().stateAt(d.id, started).workItems().get(0).state())
        .isEqualTo(WorkItemState.STARTED);
    assertThat(now(d).workItems().get(0).state()).isEqualTo(WorkItemState.INITIALIZED);
  }
}
