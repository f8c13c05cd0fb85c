package dev.tasquencer.conformance;

import static dev.tasquencer.conformance.CompositeNets.child;
import static dev.tasquencer.conformance.CompositeNets.children;
import static dev.tasquencer.conformance.CompositeNets.oneComposite;
import static dev.tasquencer.conformance.CompositeNets.oneTask;
import static dev.tasquencer.conformance.CompositeNets.parentOf;
import static dev.tasquencer.conformance.CompositeNets.workflowA;
import static dev.tasquencer.conformance.CompositeNets.workflowB;
import static dev.tasquencer.testing.Nets.autoInit;
import static dev.tasquencer.testing.Nets.noInit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.context.ChildWorkflows;
import dev.tasquencer.api.error.ChildWorkflowTypeNotFoundException;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.api.error.StructuralIntegrityException;
import dev.tasquencer.api.error.TaskNotFoundException;
import dev.tasquencer.api.error.WorkItemNotFoundException;
import dev.tasquencer.api.error.WorkflowNotFoundException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;

/**
 * Conformance group J: composite and dynamic composite tasks (CS-045, 088, 090, 091, 092 to 096,
 * 098, 127), child workflow payloads and parents, root ids and realized paths. Failure and
 * cancellation across levels: {@link NestedFailureAndCancellationTest} and {@link
 * NestedExitsAndRollbackTest}; activity order: {@link NestedActivityOrderTest}.
 */
class GroupJCompositeTest {

  static WorkflowBuilder sub() {
    return Builder.workflow("sub")
        .startCondition("start")
        .task("subT1", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("subT1"))
        .connectTask("subT1", to -> to.condition("end"));
  }

  static WorkflowDefinition main() {
    return Builder.workflow("main")
        .startCondition("start")
        .task("t1", autoInit())
        .task("t2", autoInit())
        .compositeTask(
            "t3", Builder.compositeTask(sub()).onEnabled(ctx -> ctx.workflow().initialize()))
        .task("t4", autoInit())
        .endCondition("end")
        .connectCondition("start", to -> to.task("t1"))
        .connectTask("t1", to -> to.task("t2").task("t3"))
        .connectTask("t2", to -> to.task("t4"))
        .connectTask("t3", to -> to.task("t4"))
        .connectTask("t4", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-090: a composite task starts a child workflow; completing the child's only task completes
   * the child, which completes the composite task and enables the parent's next task. The child
   * knows its root and its path from the root.
   */
  @DbTest
  void nestedWorkflowCompletionDrivesTheParentForward(TestDatabase db) {
    var d = Driver.start(db.engine(main()), "main");
    assertThat(d.enabled()).containsExactly("t1");
    d.fire("t1");
    assertThat(d.enabled()).containsExactlyInAnyOrder("t2", "t3");
    d.fire("t2");
    var children = d.q().childWorkflows(d.id, "t3");
    assertThat(children).hasSize(1);
    assertThat(children.get(0).state()).isEqualTo(WorkflowState.INITIALIZED);
    UUID child = children.get(0).id();
    var c = new Driver(d.engine, child);
    assertThat(c.wiStates("subT1")).containsExactly(WorkItemState.INITIALIZED);
    c.fire("subT1");
    assertThat(d.q().childWorkflows(d.id, "t3"))
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.COMPLETED);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2", "t3");
    assertThat(d.enabled()).containsExactly("t4");
    d.fire("t4");
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("t1", "t2", "t3", "t4");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.q().rootWorkflowId(child)).isEqualTo(d.id);
    assertThat(d.q().realizedPath(child)).containsExactly(d.id, child);
  }

  // ------------------------------------------------------------------------------ CS-045

  static WorkflowDefinition shardComposite() {
    var child =
        Builder.workflow("shard-composite-child")
            .startCondition("start")
            .task("childTask", noInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("childTask"))
            .connectTask("childTask", to -> to.condition("end"));
    return Builder.workflow("shard-composite")
        .startCondition("start")
        .compositeTask(
            "compositeTask",
            Builder.compositeTask(child)
                .onEnabled(
                    ctx -> {
                      for (int i = 0; i < 6; i++) {
                        ctx.workflow().initialize();
                      }
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task("compositeTask"))
        .connectTask("compositeTask", to -> to.condition("end"))
        .build();
  }

  /**
   * CS-045: the counters of a composite task count its child workflows, one unit per transition.
   * (No stats shards here: one counter row per generation; compatibility.md, "Stats shards".)
   */
  @DbTest
  void childWorkflowCounters(TestDatabase db) {
    var d = Driver.start(db.engine(shardComposite()), "shard-composite");
    assertThat(d.q().stats(d.id, "compositeTask")).isEqualTo(new TaskStats(6, 6, 0, 0, 0, 0));
    var cw = d.q().childWorkflows(d.id, "compositeTask");
    assertThat(cw).hasSize(6);
    int gen = d.generation("compositeTask");
    assertThat(cw)
        .allSatisfy(
            c -> {
              assertThat(c.parentWorkflowId()).isEqualTo(d.id);
              assertThat(c.parentTaskName()).isEqualTo("compositeTask");
              assertThat(c.parentTaskGeneration()).isEqualTo(gen);
              assertThat(c.name()).isEqualTo("shard-composite-child");
            });

    int done = 0;
    for (WorkflowSnapshot c : cw) {
      var child = new Driver(d.engine, c.id());
      assertThat(child.wi("childTask")).isEmpty();
      UUID w = child.cmd().initializeWorkItem(c.id(), "childTask", null);
      child.start(w);
      assertThat(d.q().stats(d.id, "compositeTask"))
          .isEqualTo(new TaskStats(6, 6 - done - 1, 1, done, 0, 0));
      child.complete(w);
      done++;
      assertThat(d.q().stats(d.id, "compositeTask"))
          .isEqualTo(new TaskStats(6, 6 - done, 0, done, 0, 0));
      assertThat(d.task("compositeTask"))
          .isEqualTo(done < 6 ? TaskState.STARTED : TaskState.COMPLETED);
    }
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  // ------------------------------------------------------------------------------ CS-088

  /**
   * CS-088 net: {@code start → loop (composite, XOR split and join) → mid the first time, end
   * later; mid → loop}. The loop's onEnabled counts its enablements and creates one child; the
   * child is {@code start → childTask → end}.
   */
  static WorkflowDefinition generationGuard(
      AtomicInteger counter, AtomicReference<ChildWorkflows> staleHandle, boolean useStale) {
    var child =
        Builder.workflow("child-guard")
            .startCondition("start")
            .task("childTask", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("childTask"))
            .connectTask("childTask", to -> to.condition("end"));
    return Builder.workflow("parent-generation-guard")
        .startCondition("start")
        .condition("mid")
        .compositeTask(
            "loop",
            Builder.compositeTask(child)
                .withSplitType(SplitType.XOR)
                .withJoinType(JoinType.XOR)
                .onEnabled(
                    ctx -> {
                      counter.incrementAndGet();
                      if (useStale && staleHandle.get() != null) {
                        // generation 1's handle, used while generation 2 is being enabled
                        staleHandle.get().initialize();
                      }
                      ctx.workflow().initialize();
                    })
                .onWorkflowStateChanged(ctx -> staleHandle.set(ctx.workflow())))
        .endCondition("end")
        .connectCondition("start", to -> to.task("loop"))
        .connectTask(
            "loop",
            to ->
                to.condition("mid")
                    .condition("end")
                    .route(
                        ctx ->
                            counter.get() == 1 ? ctx.toCondition("mid") : ctx.toCondition("end")))
        .connectCondition("mid", to -> to.task("loop"))
        .build();
  }

  /**
   * CS-088, with D12: a composite task in a loop moves to generation 2; each generation has its own
   * child. Creating a child through a handle of generation 1 (kept from generation 1's
   * onWorkflowStateChanged, used in the same call while generation 2 is enabled) raises
   * ConstraintViolationException (the original: TaskNotFoundError) and rolls the call back.
   */
  @DbTest
  void staleParentGenerationIsRejected(TestDatabase db) {
    var counter = new AtomicInteger();
    var stale = new AtomicReference<ChildWorkflows>();
    var d =
        Driver.start(db.engine(generationGuard(counter, stale, true)), "parent-generation-guard");
    var first = child(d, "loop", 0);
    UUID w = first.initialized("childTask");
    first.start(w);

    assertThatThrownBy(() -> first.complete(w))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageContaining("generation 1");
    // nothing of the call remains
    assertThat(first.q().workItemState(w)).isEqualTo(WorkItemState.STARTED);
    assertThat(first.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(d.task("loop")).isEqualTo(TaskState.STARTED);
    assertThat(d.generation("loop")).isEqualTo(1);
    assertThat(d.q().childWorkflows(d.id, "loop")).hasSize(1);
    assertThat(d.marked()).isEmpty();
  }

  /**
   * CS-088, the run without the stale handle: generation 2 gets its own child, generation 1's child
   * stays with generation 1. Once the loop has left (completed at generation 2), initializeWorkflow
   * is rejected with ConstraintViolationException and creates nothing (D12).
   */
  @DbTest
  void childWorkflowsBelongToTheirGeneration(TestDatabase db) {
    var counter = new AtomicInteger();
    var d =
        Driver.start(
            db.engine(generationGuard(counter, new AtomicReference<>(), false)),
            "parent-generation-guard");
    var first = child(d, "loop", 0);
    first.fire("childTask");
    assertThat(d.enabled()).containsExactly("loop");
    int g = d.generation("loop");
    assertThat(g - 1).isPositive();
    assertThat(d.q().childWorkflows(d.id, "loop", g - 1))
        .extracting(WorkflowSnapshot::id, WorkflowSnapshot::state)
        .containsExactly(Tuple.tuple(first.id, WorkflowState.COMPLETED));
    var second = d.q().childWorkflows(d.id, "loop");
    assertThat(second)
        .extracting(WorkflowSnapshot::state)
        .containsExactly(WorkflowState.INITIALIZED);
    assertThat(second.get(0).parentTaskGeneration()).isEqualTo(g);
    // initializeWorkflow attaches to the current generation while it is enabled
    UUID extra = d.cmd().initializeWorkflow(d.id, "loop", null, null);
    assertThat(d.q().workflow(extra).parentTaskGeneration()).isEqualTo(g);

    for (UUID c : children(d, "loop")) {
      new Driver(d.engine, c).fire("childTask");
    }
    assertThat(d.task("loop")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThatThrownBy(() -> d.cmd().initializeWorkflow(d.id, "loop", null, null))
        .isInstanceOf(ConstraintViolationException.class);
    assertThat(d.q().childWorkflows(d.id, "loop")).hasSize(2);
    assertThat(d.q().stats(d.id, "loop")).isEqualTo(new TaskStats(2, 0, 0, 2, 0, 0));
  }

  /** D12: a composite task that was never enabled accepts no child workflow. */
  @DbTest
  void childOfDisabledCompositeIsRejected(TestDatabase db) {
    var d = Driver.start(db.engine(main()), "main");
    assertThat(d.task("t3")).isEqualTo(TaskState.DISABLED);
    assertThatThrownBy(() -> d.cmd().initializeWorkflow(d.id, "t3", null, null))
        .isInstanceOf(ConstraintViolationException.class);
    assertThat(d.q().childWorkflows(d.id, "t3")).isEmpty();
    assertThat(db.queryLong("select count(*) from tq_workflow")).isEqualTo(1);
  }

  /**
   * CS-091's kind of addressing errors, in this API's terms: children are addressed by (workflow,
   * task, child type); a task that is not a composite has no child workflows and a composite task
   * has no work items (both StructuralIntegrityException), an unknown task is TaskNotFoundException
   * and an unknown child type ChildWorkflowTypeNotFoundException.
   */
  @DbTest
  void addressingChildrenOfTheWrongTaskKindIsRejected(TestDatabase db) {
    var d = Driver.start(db.engine(main()), "main");
    assertThatThrownBy(() -> d.cmd().initializeWorkflow(d.id, "t1", null, null))
        .isInstanceOf(StructuralIntegrityException.class)
        .hasMessageContaining("not a composite task");
    d.fire("t1");
    assertThatThrownBy(() -> d.cmd().initializeWorkItem(d.id, "t3", null))
        .isInstanceOf(StructuralIntegrityException.class);
    assertThatThrownBy(() -> d.cmd().initializeWorkflow(d.id, "nope", null, null))
        .isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> d.cmd().initializeWorkflow(d.id, "t3", "other", null))
        .isInstanceOf(ChildWorkflowTypeNotFoundException.class);
    assertThat(d.q().childWorkflows(d.id, "t3")).hasSize(1);
  }

  // ------------------------------------------------------------------------------ CS-092..098

  /** The dynamic composite parent: onEnabled creates one child of each named type, in order. */
  static WorkflowDefinition dynamicParent(
      List<WorkflowBuilder> types, List<String> create, List<String> stateChanges) {
    return Builder.workflow("parent")
        .startCondition("start")
        .dynamicCompositeTask(
            "dynamicComposite",
            Builder.dynamicCompositeTask(types.toArray(WorkflowBuilder[]::new))
                .onEnabled(
                    ctx -> {
                      for (String name : create) {
                        ctx.workflow().initialize(name, null);
                      }
                    })
                .onWorkflowStateChanged(
                    ctx ->
                        stateChanges.add(
                            ctx.workflow().name()
                                + ":"
                                + ctx.workflow().prevState()
                                + "->"
                                + ctx.workflow().nextState())))
        .endCondition("end")
        .connectCondition("start", to -> to.task("dynamicComposite"))
        .connectTask("dynamicComposite", to -> to.condition("end"))
        .build();
  }

  static WorkflowDefinition basicDynamic() {
    return dynamicParent(
        List.of(workflowA(), workflowB()), List.of("WorkflowA"), new CopyOnWriteArrayList<>());
  }

  /** CS-092: the dynamic composite creates the chosen child type only. */
  @DbTest
  void dynamicCompositeInitializesTheChosenType(TestDatabase db) {
    var d = Driver.start(db.engine(basicDynamic()), "parent");
    assertThat(d.enabled()).containsExactly("dynamicComposite");
    var cw = d.q().childWorkflows(d.id, "dynamicComposite");
    assertThat(cw)
        .extracting(WorkflowSnapshot::name, WorkflowSnapshot::state)
        .containsExactly(Tuple.tuple("WorkflowA", WorkflowState.INITIALIZED));
    var child = new Driver(d.engine, cw.get(0).id());
    assertThat(child.enabled()).containsExactly("taskA1");
    assertThat(child.wiStates("taskA1")).containsExactly(WorkItemState.INITIALIZED);
  }

  /** CS-093: the parent completes when its only dynamic child completes. */
  @DbTest
  void parentCompletesWithItsOnlyDynamicChild(TestDatabase db) {
    var d = Driver.start(db.engine(basicDynamic()), "parent");
    var child = child(d, "dynamicComposite", 0);
    child.fire("taskA1");
    assertThat(child.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.in(TaskState.COMPLETED)).containsExactly("dynamicComposite");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  static WorkflowDefinition threeTypes(List<String> stateChanges) {
    return dynamicParent(
        List.of(
            oneTask("WorkflowA", "taskA1"),
            oneTask("WorkflowB", "taskB1"),
            oneTask("WorkflowC", "taskC1")),
        List.of("WorkflowA", "WorkflowB", "WorkflowC"),
        stateChanges);
  }

  static final Map<String, String> TASK_OF =
      Map.of("WorkflowA", "taskA1", "WorkflowB", "taskB1", "WorkflowC", "taskC1");

  static void fireChild(Driver parent, WorkflowSnapshot c) {
    new Driver(parent.engine, c.id()).fire(TASK_OF.get(c.name()));
  }

  /** CS-094: one dynamic composite creates children of three types. */
  @DbTest
  void dynamicCompositeCreatesSeveralTypes(TestDatabase db) {
    var d = Driver.start(db.engine(threeTypes(new CopyOnWriteArrayList<>())), "parent");
    var cw = d.q().childWorkflows(d.id, "dynamicComposite");
    assertThat(cw).hasSize(3);
    assertThat(cw.stream().map(WorkflowSnapshot::name).sorted())
        .containsExactly("WorkflowA", "WorkflowB", "WorkflowC");
    assertThat(cw).extracting(WorkflowSnapshot::state).containsOnly(WorkflowState.INITIALIZED);
  }

  /** CS-095: the parent completes when every dynamic child completed. */
  @DbTest
  void parentCompletesWhenEveryDynamicChildCompleted(TestDatabase db) {
    var d = Driver.start(db.engine(threeTypes(new CopyOnWriteArrayList<>())), "parent");
    d.q().childWorkflows(d.id, "dynamicComposite").forEach(c -> fireChild(d, c));
    assertThat(d.q().childWorkflows(d.id, "dynamicComposite"))
        .extracting(WorkflowSnapshot::state)
        .containsOnly(WorkflowState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /** CS-096: the parent waits for the last child. */
  @DbTest
  void parentWaitsForTheLastDynamicChild(TestDatabase db) {
    var d = Driver.start(db.engine(threeTypes(new CopyOnWriteArrayList<>())), "parent");
    var cw = d.q().childWorkflows(d.id, "dynamicComposite");
    fireChild(d, cw.get(0));
    fireChild(d, cw.get(1));
    assertThat(d.state()).isEqualTo(WorkflowState.STARTED);
    assertThat(d.task("dynamicComposite")).isEqualTo(TaskState.STARTED);
    fireChild(d, cw.get(2));
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * CS-098: onWorkflowStateChanged records are well-formed: the child's type name, a previous and a
   * next state that differ. None after initialization (creation is not reported); one per start and
   * completion afterwards.
   */
  @DbTest
  void stateChangeRecordsAreWellFormed(TestDatabase db) {
    var changes = new CopyOnWriteArrayList<String>();
    var d =
        Driver.start(
            db.engine(
                dynamicParent(
                    List.of(oneTask("WorkflowA", "taskA1"), oneTask("WorkflowB", "taskB1")),
                    List.of("WorkflowA", "WorkflowB"),
                    changes)),
            "parent");
    assertThat(changes).isEmpty();
    d.q().childWorkflows(d.id, "dynamicComposite").forEach(c -> fireChild(d, c));
    assertThat(changes)
        .containsExactly(
            "WorkflowA:INITIALIZED->STARTED",
            "WorkflowA:STARTED->COMPLETED",
            "WorkflowB:INITIALIZED->STARTED",
            "WorkflowB:STARTED->COMPLETED");
  }

  // ------------------------------------------------------------------------------ dynamic API

  record OrderPayload(String order) {}

  record BatchPayload(int count) {}

  static WorkflowBuilder typed(String name, String task, Class<?> payloadType) {
    return oneTask(name, task)
        .withActions(
            Builder.workflowActions()
                .initialize(payloadType, (ctx, p) -> ctx.workflow().initialize()));
  }

  /**
   * A dynamic composite with two child types and typed payloads: initialize(name, payload) creates
   * the named type with its payload; getAllWorkflowIds(name) lists one type, getAllWorkflowIds()
   * all of them; the counters and the policy see every type together.
   */
  @DbTest
  void dynamicCompositeWithSeveralTypesAndPayloads(TestDatabase db) {
    var seen = new CopyOnWriteArrayList<String>();
    var net =
        Builder.workflow("orders")
            .startCondition("start")
            .dynamicCompositeTask(
                "fanOut",
                Builder.dynamicCompositeTask(
                        typed("Order", "ship", OrderPayload.class),
                        typed("Batch", "pack", BatchPayload.class))
                    .onEnabled(
                        ctx -> {
                          ctx.workflow().initialize("Order", new OrderPayload("o-1"));
                          ctx.workflow().initialize("Batch", new BatchPayload(2));
                          ctx.workflow().initialize("Batch", new BatchPayload(3));
                          seen.add(
                              "onEnabled names="
                                  + ctx.workflow().names()
                                  + " order="
                                  + ctx.workflow().getAllWorkflowIds("Order").size()
                                  + " batch="
                                  + ctx.workflow().getAllWorkflowIds("Batch").size()
                                  + " all="
                                  + ctx.workflow().getAllWorkflowIds().size()
                                  + " total="
                                  + ctx.task().getStats().total());
                        })
                    .withPolicy(
                        ctx -> {
                          TaskStats s = ctx.task().getStats();
                          seen.add(
                              "policy "
                                  + ctx.transition()
                                  + " finished="
                                  + s.finished()
                                  + "/"
                                  + s.total()
                                  + " batch="
                                  + ctx.workflow().getAllWorkflowIds("Batch").size());
                          return s.allFinal() ? PolicyResult.COMPLETE : PolicyResult.CONTINUE;
                        }))
            .endCondition("end")
            .connectCondition("start", to -> to.task("fanOut"))
            .connectTask("fanOut", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "orders");
    assertThat(seen)
        .containsExactly("onEnabled names=[Order, Batch] order=1 batch=2 all=3 total=3");
    var cw = d.q().childWorkflows(d.id, "fanOut");
    assertThat(cw).extracting(WorkflowSnapshot::name).containsExactly("Order", "Batch", "Batch");
    assertThat(cw.get(0).payloadJson()).contains("o-1");
    assertThat(cw.get(1).payloadJson()).contains("\"count\"").contains("2");
    assertThat(cw.get(2).payloadJson()).contains("3");
    assertThat(d.q().stats(d.id, "fanOut")).isEqualTo(new TaskStats(3, 3, 0, 0, 0, 0));

    new Driver(d.engine, cw.get(1).id()).fire("pack");
    new Driver(d.engine, cw.get(0).id()).fire("ship");
    assertThat(d.task("fanOut")).isEqualTo(TaskState.STARTED);
    new Driver(d.engine, cw.get(2).id()).fire("pack");
    assertThat(seen.subList(1, seen.size()))
        .containsExactly(
            "policy started->completed finished=1/3 batch=2",
            "policy started->completed finished=2/3 batch=2",
            "policy started->completed finished=3/3 batch=2");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.q().stats(d.id, "fanOut")).isEqualTo(new TaskStats(3, 0, 0, 3, 0, 0));

    // creating a child from outside: the type is named, its payload validated
    var d2 = Driver.start(d.engine, "orders");
    UUID extra = d2.cmd().initializeWorkflow(d2.id, "fanOut", "Order", new OrderPayload("o-9"));
    assertThat(d2.q().workflow(extra).name()).isEqualTo("Order");
    assertThat(d2.q().stats(d2.id, "fanOut").total()).isEqualTo(4);
    assertThatThrownBy(
            () -> d2.cmd().initializeWorkflow(d2.id, "fanOut", "Batch", new OrderPayload("x")))
        .isInstanceOf(PayloadValidationException.class);
    assertThatThrownBy(() -> d2.cmd().initializeWorkflow(d2.id, "fanOut", null, null))
        .isInstanceOf(StructuralIntegrityException.class)
        .hasMessageContaining("several child workflow types");
    assertThatThrownBy(() -> d2.cmd().initializeWorkflow(d2.id, "fanOut", "Unknown", null))
        .isInstanceOf(ChildWorkflowTypeNotFoundException.class)
        .hasMessageContaining("Unknown");
    assertThat(d2.q().stats(d2.id, "fanOut").total()).isEqualTo(4);
  }

  /**
   * A dynamic composite's activity naming an unknown child type gets
   * ChildWorkflowTypeNotFoundException, omitting the name when there are several types
   * StructuralIntegrityException, as a command would; the call (here the root's initialization)
   * rolls back.
   */
  @DbTest
  void unknownDynamicChildTypeIsRejected(TestDatabase db) {
    var unknown =
        dynamicParent(
            List.of(oneTask("WorkflowA", "taskA1"), oneTask("WorkflowB", "taskB1")),
            List.of("WorkflowA", "WorkflowZ"),
            new CopyOnWriteArrayList<>());
    var engine = db.engine(unknown);
    assertThatThrownBy(() -> Driver.start(engine, "parent"))
        .isInstanceOf(ChildWorkflowTypeNotFoundException.class)
        .hasMessageContaining("WorkflowZ")
        .hasMessageContaining("WorkflowA");
    assertThat(db.queryLong("select count(*) from tq_workflow")).isZero();

    var unnamed =
        Builder.workflow("unnamed")
            .startCondition("start")
            .dynamicCompositeTask(
                "dyn",
                Builder.dynamicCompositeTask(
                        oneTask("WorkflowA", "taskA1"), oneTask("WorkflowB", "taskB1"))
                    .onEnabled(ctx -> ctx.workflow().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("dyn"))
            .connectTask("dyn", to -> to.condition("end"))
            .build();
    var engine2 = db.engine(unnamed);
    assertThatThrownBy(() -> Driver.start(engine2, "unnamed"))
        .isInstanceOf(StructuralIntegrityException.class)
        .hasMessageContaining("several child workflow types");
    assertThat(db.queryLong("select count(*) from tq_workflow")).isZero();
  }

  // ------------------------------------------------------------------------------ payloads

  record ReviewRequest(String document, int reviewers) {}

  /**
   * A child workflow with a custom initialize action and a record payload: the composite creates it
   * with the payload, the payload is stored and readable in the child's workflow activities ({@code
   * ctx.workflow().payload}) and task activities ({@code ctx.parent().workflowPayload}); the
   * child's workflow activities see, in {@code ctx.parent()}, the composite task that owns it.
   */
  @DbTest
  void childWorkflowPayloadAndParent(TestDatabase db) {
    var seen = new CopyOnWriteArrayList<String>();
    var review =
        Builder.workflow("review")
            .startCondition("start")
            .task(
                "assign",
                Builder.task(Builder.workItem("assignment"))
                    .onEnabled(
                        ctx -> {
                          var req = ctx.parent().workflowPayload(ReviewRequest.class);
                          for (int i = 0; i < req.reviewers(); i++) {
                            ctx.workItem().initialize();
                          }
                        }))
            .endCondition("end")
            .connectCondition("start", to -> to.task("assign"))
            .connectTask("assign", to -> to.condition("end"))
            .withActions(
                Builder.workflowActions()
                    .initialize(
                        ReviewRequest.class,
                        (ctx, p) -> {
                          seen.add(
                              "action "
                                  + p.document()
                                  + " parent="
                                  + ctx.parent().map(x -> x.taskName()).orElse("-"));
                          ctx.workflow().initialize();
                        }))
            .onInitialized(
                ctx -> {
                  var p = ctx.parent().orElseThrow();
                  seen.add(
                      "onInitialized "
                          + ctx.workflow().payload(ReviewRequest.class)
                          + " parent="
                          + p.workflowName()
                          + "/"
                          + p.taskName()
                          + "#"
                          + p.taskGeneration());
                })
            .onCompleted(
                ctx ->
                    seen.add(
                        "onCompleted "
                            + ctx.workflow().payload(ReviewRequest.class).document()
                            + " parent="
                            + ctx.parent().orElseThrow().taskName()
                            + " root="
                            + ctx.workflow()
                                .rootWorkflowId()
                                .equals(ctx.parent().get().workflowId())));
    var net =
        Builder.workflow("publishing")
            .startCondition("start")
            .compositeTask(
                "reviewStep",
                Builder.compositeTask(review)
                    .onEnabled(ctx -> ctx.workflow().initialize(new ReviewRequest("doc-7", 2))))
            .endCondition("end")
            .connectCondition("start", to -> to.task("reviewStep"))
            .connectTask("reviewStep", to -> to.condition("end"))
            .onInitialized(ctx -> assertThat(ctx.parent()).isEmpty())
            .build();
    var engine = db.engine(net);
    var d = Driver.start(engine, "publishing");
    var cw = d.q().childWorkflows(d.id, "reviewStep");
    assertThat(cw).hasSize(1);
    assertThat(cw.get(0).payloadJson()).contains("doc-7");
    assertThat(seen)
        .containsExactly(
            "action doc-7 parent=reviewStep",
            "onInitialized ReviewRequest[document=doc-7, reviewers=2]"
                + " parent=publishing/reviewStep#1");
    // the custom action admits external calls
    UUID outside =
        engine.initializeWorkflow(d.id, "reviewStep", null, new ReviewRequest("doc-8", 1));
    assertThat(d.q().workflow(outside).payloadJson()).contains("doc-8");
    assertThat(seen.subList(2, seen.size()))
        .containsExactly(
            "action doc-8 parent=reviewStep",
            "onInitialized ReviewRequest[document=doc-8, reviewers=1]"
                + " parent=publishing/reviewStep#1");

    var child = new Driver(engine, cw.get(0).id());
    assertThat(child.wi("assign")).hasSize(2);
    for (UUID w : child.wi("assign").stream().map(x -> x.id()).toList()) {
      child.start(w);
      child.complete(w);
    }
    assertThat(seen).last().isEqualTo("onCompleted doc-7 parent=reviewStep root=true");
    assertThat(d.task("reviewStep")).isEqualTo(TaskState.STARTED);
    new Driver(engine, outside).fire("assign");
    assertThat(seen).last().isEqualTo("onCompleted doc-8 parent=reviewStep root=true");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * A child's payload is validated against its initialize action's type (D14): a missing component
   * is rejected and nothing is created; a child type with the default action refuses external
   * calls.
   */
  @DbTest
  void childWorkflowPayloadIsValidated(TestDatabase db) {
    var review =
        oneTask("review", "assign")
            .withActions(
                Builder.workflowActions()
                    .initialize(ReviewRequest.class, (ctx, p) -> ctx.workflow().initialize()));
    var net =
        Builder.workflow("publishing")
            .startCondition("start")
            .compositeTask("reviewStep", Builder.compositeTask(review))
            .compositeTask("plain", Builder.compositeTask(oneTask("plainChild", "work")))
            .endCondition("end")
            .connectCondition("start", to -> to.task("reviewStep").task("plain"))
            .connectTask("reviewStep", to -> to.condition("end"))
            .connectTask("plain", to -> to.condition("end"))
            .build();
    var engine = db.engine(net);
    var d = Driver.start(engine, "publishing");
    assertThatThrownBy(
            () -> engine.initializeWorkflow(d.id, "reviewStep", null, Map.of("reviewers", 2)))
        .isInstanceOf(PayloadValidationException.class)
        .hasMessageContaining("document");
    assertThatThrownBy(() -> engine.initializeWorkflow(d.id, "plain", null, null))
        .isInstanceOf(NotInternalCallException.class);
    assertThat(d.q().childWorkflows(d.id, "reviewStep")).isEmpty();
    assertThat(d.q().childWorkflows(d.id, "plain")).isEmpty();
    UUID ok = engine.internal().initializeWorkflow(d.id, "plain", null, null);
    assertThat(d.q().workflow(ok).state()).isEqualTo(WorkflowState.INITIALIZED);
  }

  /**
   * D14 says a record payload's components are required; a missing primitive component should be
   * rejected like a missing object component, not read as 0.
   */
  @DbTest
  void missingPrimitivePayloadComponentIsRejected(TestDatabase db) {
    var review =
        oneTask("review", "assign")
            .withActions(
                Builder.workflowActions()
                    .initialize(ReviewRequest.class, (ctx, p) -> ctx.workflow().initialize()));
    var net =
        Builder.workflow("publishing")
            .startCondition("start")
            .compositeTask("reviewStep", Builder.compositeTask(review))
            .endCondition("end")
            .connectCondition("start", to -> to.task("reviewStep"))
            .connectTask("reviewStep", to -> to.condition("end"))
            .build();
    var engine = db.engine(net);
    var d = Driver.start(engine, "publishing");
    assertThatThrownBy(
            () -> engine.initializeWorkflow(d.id, "reviewStep", null, Map.of("document", "x")))
        .isInstanceOf(PayloadValidationException.class)
        .hasMessageContaining("reviewers");
    assertThat(d.q().childWorkflows(d.id, "reviewStep")).isEmpty();
  }

  // ------------------------------------------------------------------------------ policies

  /**
   * Retry by replacement: on a failed child the composite's policy continues and its
   * onWorkflowStateChanged creates a replacement child; the replacement's completion makes every
   * child final, and the default rule completes the composite.
   */
  @DbTest
  void failedChildIsReplacedFromOnWorkflowStateChanged(TestDatabase db) {
    var net =
        Builder.workflow("retrying")
            .startCondition("start")
            .compositeTask(
                "attempts",
                Builder.compositeTask(oneTask("attempt", "work"))
                    .onEnabled(ctx -> ctx.workflow().initialize())
                    .onWorkflowStateChanged(
                        ctx -> {
                          if (ctx.workflow().nextState() == WorkflowState.FAILED) {
                            ctx.workflow().initialize();
                          }
                        })
                    .withPolicy(
                        ctx -> {
                          var s = ctx.task().getStats();
                          return s.total() > 0 && s.allFinal()
                              ? PolicyResult.COMPLETE
                              : PolicyResult.CONTINUE;
                        }))
            .endCondition("end")
            .connectCondition("start", to -> to.task("attempts"))
            .connectTask("attempts", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "retrying");
    var first = child(d, "attempts", 0);
    UUID w = first.initialized("work");
    first.start(w);
    first.cmd().failWorkItem(w);
    assertThat(first.state()).isEqualTo(WorkflowState.FAILED);
    assertThat(d.task("attempts")).isEqualTo(TaskState.STARTED);
    assertThat(d.q().stats(d.id, "attempts")).isEqualTo(new TaskStats(2, 1, 0, 0, 1, 0));

    var second = child(d, "attempts", 1);
    second.fire("work");
    assertThat(d.task("attempts")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  /**
   * D11 for composites: explicitly cancelling the only child of a composite that is only enabled
   * makes every child final, so the default policy completes it; the composite first starts
   * (consuming its input), then completes, and the workflow reaches its end.
   */
  @DbTest
  void cancellingOnlyChildOfEnabledCompositeStartsAndCompletesIt(TestDatabase db) {
    var d = Driver.start(db.engine(parentOf("p", 1)), "p");
    UUID c = children(d, "compositeTask").get(0);
    assertThat(d.task("compositeTask")).isEqualTo(TaskState.ENABLED);
    assertThat(d.state()).isEqualTo(WorkflowState.INITIALIZED);

    d.cmd().cancelWorkflow(c);
    assertThat(d.q().workflowState(c)).isEqualTo(WorkflowState.CANCELED);
    assertThat(d.task("compositeTask")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
  }

  /**
   * The default composite policy's {@code total > 0} guard: a composite whose onEnabled creates no
   * child stays enabled; a child created later from outside drives it.
   */
  @DbTest
  void compositeWithoutChildrenWaits(TestDatabase db) {
    var net =
        Builder.workflow("lazy")
            .startCondition("start")
            .compositeTask("comp", Builder.compositeTask(oneTask("work", "w1")))
            .endCondition("end")
            .connectCondition("start", to -> to.task("comp"))
            .connectTask("comp", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "lazy");
    assertThat(d.task("comp")).isEqualTo(TaskState.ENABLED);
    assertThat(d.q().stats(d.id, "comp")).isEqualTo(TaskStats.EMPTY);
    UUID c = d.cmd().initializeWorkflow(d.id, "comp", null, null);
    new Driver(d.engine, c).fire("w1");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
  }

  // ------------------------------------------------------------------------------ root id, path

  /**
   * Root id and realized path three levels deep: R → C → K → KC → G → Q (work item). The queries,
   * the snapshots and the contexts of every level name the same root.
   */
  @DbTest
  void rootIdAndRealizedPathThreeLevelsDeep(TestDatabase db) {
    var seen = new CopyOnWriteArrayList<String>();
    var g =
        Builder.workflow("G")
            .startCondition("start")
            .task(
                "Q",
                Builder.task(
                        Builder.workItem("QW")
                            .onInitialized(
                                ctx ->
                                    seen.add(
                                        "QW root="
                                            + ctx.parent().rootWorkflowId()
                                            + " wf="
                                            + ctx.parent().workflowId())))
                    .onEnabled(
                        ctx -> {
                          seen.add("Q root=" + ctx.parent().rootWorkflowId());
                          ctx.workItem().initialize();
                        }))
            .endCondition("end")
            .connectCondition("start", to -> to.task("Q"))
            .connectTask("Q", to -> to.condition("end"))
            .onInitialized(
                ctx ->
                    seen.add(
                        "G root="
                            + ctx.workflow().rootWorkflowId()
                            + " parent="
                            + ctx.parent().orElseThrow().workflowName()
                            + "/"
                            + ctx.parent().orElseThrow().taskName()));
    var k = oneComposite("K", "KC", g);
    var r = oneComposite("R", "C", k).build();
    var d = Driver.start(db.engine(r), "R");
    UUID root = d.id;
    UUID kid = children(d, "C").get(0);
    var kd = new Driver(d.engine, kid);
    UUID gid = children(kd, "KC").get(0);
    var gd = new Driver(d.engine, gid);
    UUID qw = gd.initialized("Q");

    assertThat(d.q().rootWorkflowId(root)).isEqualTo(root);
    assertThat(d.q().rootWorkflowId(kid)).isEqualTo(root);
    assertThat(d.q().rootWorkflowId(gid)).isEqualTo(root);
    assertThat(d.q().realizedPath(root)).containsExactly(root);
    assertThat(d.q().realizedPath(kid)).containsExactly(root, kid);
    assertThat(d.q().realizedPath(gid)).containsExactly(root, kid, gid);
    assertThat(d.q().rootWorkflowIdOfWorkItem(qw)).isEqualTo(root);
    var item = d.q().workItem(qw);
    assertThat(item.rootId()).isEqualTo(root);
    assertThat(item.workflowId()).isEqualTo(gid);
    assertThat(d.q().realizedPath(item.workflowId())).containsExactly(root, kid, gid);

    WorkflowSnapshot gs = d.q().workflow(gid);
    assertThat(gs.rootId()).isEqualTo(root);
    assertThat(gs.parentWorkflowId()).isEqualTo(kid);
    assertThat(gs.parentTaskName()).isEqualTo("KC");
    assertThat(gs.parentTaskGeneration()).isEqualTo(1);
    assertThat(gs.name()).isEqualTo("G");
    assertThat(gs.definitionName()).isEqualTo("R");
    WorkflowSnapshot rs = d.q().workflow(root);
    assertThat(rs.rootId()).isEqualTo(root);
    assertThat(rs.parentWorkflowId()).isNull();
    assertThat(rs.parentTaskName()).isNull();

    assertThat(seen)
        .containsExactly(
            "G root=" + root + " parent=K/KC", "Q root=" + root, "QW root=" + root + " wf=" + gid);

    gd.fire("Q");
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.q().realizedPath(gid)).containsExactly(root, kid, gid);

    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> d.q().rootWorkflowId(unknown))
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThatThrownBy(() -> d.q().realizedPath(unknown))
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThatThrownBy(() -> d.q().rootWorkflowIdOfWorkItem(unknown))
        .isInstanceOf(WorkItemNotFoundException.class);
  }

  // ------------------------------------------------------------------------------ CS-127

  /**
   * CS-127 (legacy nested enqueueing): the child's work item auto-starts and auto-completes while
   * the root is being initialized. Its start starts the child, the composite and the root; its
   * completion completes all of them, inside the single initializeRootWorkflow call.
   */
  @DbTest
  void nestedAutoTriggersCompleteEverythingDuringInitialization(TestDatabase db) {
    var sub =
        Builder.workflow("sub")
            .startCondition("start")
            .task(
                "subT1",
                Builder.task(
                        Builder.workItem("auto")
                            .onInitialized(ctx -> ctx.workItem().start())
                            .onStarted(ctx -> ctx.workItem().complete()))
                    .onEnabled(ctx -> ctx.workItem().initialize()))
            .endCondition("end")
            .connectCondition("start", to -> to.task("subT1"))
            .connectTask("subT1", to -> to.condition("end"));
    var root = oneComposite("nested-enqueueing", "t1", sub).build();
    var d = Driver.start(db.engine(root), "nested-enqueueing");
    var s = child(d, "t1", 0);
    assertThat(d.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(s.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(d.marked()).containsOnly(entry("end", 1));
    assertThat(s.marked()).containsOnly(entry("end", 1));
    assertThat(d.task("t1")).isEqualTo(TaskState.COMPLETED);
    assertThat(s.task("subT1")).isEqualTo(TaskState.COMPLETED);
    assertThat(s.wiStates("subT1")).containsExactly(WorkItemState.COMPLETED);
    assertThat(d.generation("t1")).isEqualTo(1);
  }
}
