package dev.tasquencer.engine;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.context.ChildWorkflowView;
import dev.tasquencer.api.context.WorkItemChange;
import dev.tasquencer.api.context.WorkItemView;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.CountingDataSource;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * What a task's hooks and policy read of its children: the child whose transition is reported (its
 * state and payloads, without a query), one child by id, and the children in some states as a
 * stream read page by page, only as far as it is consumed. Atomic tasks (work items) and dynamic
 * composite tasks (child workflows).
 */
class ChildReadsTest {

  /** A work item's initialize payload. */
  record Approver(String name) {}

  /** A payload given to the call that ends a work item. */
  record Vote(boolean approve) {}

  /** start -> task -> end. */
  static WorkflowBuilder oneTask(String name, String task, TaskBuilder t) {
    return Builder.workflow(name)
        .startCondition("start")
        .task(task, t)
        .endCondition("end")
        .connectCondition("start", to -> to.task(task))
        .connectTask(task, to -> to.condition("end"));
  }

  /** start -> M -> end, M as given. */
  static WorkflowDefinition around(String name, TaskBuilder m) {
    return oneTask(name, "M", m).build();
  }

  /** A task whose onEnabled creates one work item per name, the name as its payload. */
  static TaskBuilder approvers(String... names) {
    return Builder.task(Builder.workItem("approval"))
        .onEnabled(
            ctx -> {
              for (String name : names) {
                ctx.workItem().initialize(new Approver(name));
              }
            });
  }

  /** "name prev->next state vote" of the work item whose transition is reported. */
  static String describe(WorkItemChange items) {
    WorkItemView w = items.changed();
    return w.payload(Approver.class).name()
        + " "
        + items.prevState().id()
        + "->"
        + items.nextState().id()
        + " "
        + w.state().id()
        + " "
        + w.resultPayload(Vote.class);
  }

  @DbTest
  void policyAndHookSeeTheWorkItemWhoseTransitionCalledThem(TestDatabase db) {
    List<String> seen = new ArrayList<>();
    var m =
        approvers("ann", "bob", "cyd")
            .onWorkItemStateChanged(ctx -> seen.add("hook " + describe(ctx.workItem())))
            .withPolicy(
                ctx -> {
                  WorkItemChange items = ctx.workItem();
                  assertThat(items.get(items.id()).map(WorkItemView::name)).contains("approval");
                  seen.add("policy " + describe(items));
                  if (items.changed().state() == WorkItemState.CANCELED) {
                    seen.add(
                        "siblings "
                            + items.stream()
                                .map(
                                    w ->
                                        w.payload(Approver.class).name()
                                            + ":"
                                            + w.state().id()
                                            + ":"
                                            + w.resultPayload(Vote.class))
                                .collect(Collectors.joining(", ")));
                  }
                  return ctx.task().getStats().allFinal()
                      ? PolicyResult.COMPLETE
                      : PolicyResult.CONTINUE;
                });
    var d = Driver.start(db.engine(around("approvals", m)), "approvals");
    List<UUID> items = d.wi("M").stream().map(WorkItemSnapshot::id).toList();
    d.start(items.get(0));
    d.start(items.get(1));
    d.cmd().completeWorkItem(items.get(1), new Vote(true));
    d.cmd().failWorkItem(items.get(0), new Vote(false));
    d.cmd().cancelWorkItem(items.get(2));

    assertThat(seen)
        .containsExactly(
            "hook ann initialized->started started null",
            "hook bob initialized->started started null",
            "hook bob started->completed completed Vote[approve=true]",
            "policy bob started->completed completed Vote[approve=true]",
            "hook ann started->failed failed Vote[approve=false]",
            "policy ann started->failed failed Vote[approve=false]",
            "hook cyd initialized->canceled canceled null",
            "policy cyd initialized->canceled canceled null",
            "siblings ann:failed:Vote[approve=false], bob:completed:Vote[approve=true],"
                + " cyd:canceled:null");
    assertThat(d.task("M")).isEqualTo(TaskState.COMPLETED);
  }

  @DbTest
  void readingTheChangedWorkItemInAPolicyCostsNoStatement(TestDatabase db) {
    List<String> read = new ArrayList<>();
    var reading =
        around(
            "reading",
            approvers("ann", "bob")
                .withPolicy(
                    ctx -> {
                      read.add(describe(ctx.workItem()));
                      return PolicyResult.CONTINUE;
                    }));
    var blind = around("blind", approvers("ann", "bob").withPolicy(ctx -> PolicyResult.CONTINUE));
    var counting = new CountingDataSource(db.dataSource());
    try (Tasquencer engine =
        Tasquencer.builder().register(reading, blind).dataSource(counting).build()) {
      List<Long> statements = new ArrayList<>();
      for (String workflow : List.of("reading", "blind")) {
        UUID id = engine.internal().initializeRootWorkflow(workflow, null);
        UUID item = engine.queries().workItems(id, "M").get(0).id();
        engine.internal().startWorkItem(item);
        counting.reset();
        engine.internal().completeWorkItem(item, new Vote(true));
        statements.add(counting.executions.get());
      }

      assertThat(read).containsExactly("ann started->completed completed Vote[approve=true]");
      assertThat(statements.get(0))
          .as("statements of the completion whose policy reads the changed work item")
          .isEqualTo(statements.get(1));
    }
  }

  /**
   * M has 300 work items created by its onEnabled and 30 more created by later calls (so that they
   * differ in creation time); completing one of them calls the policy, which reads them.
   */
  @DbTest
  void siblingsAreReadPageByPageOnlyAsFarAsTheStreamGoes(TestDatabase db) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      names.add("a" + i);
    }
    List<Object> seen = new ArrayList<>();
    var counting = new CountingDataSource(db.dataSource());
    AtomicLong mark = new AtomicLong();
    java.util.function.LongSupplier since =
        () -> counting.executions.get() - mark.getAndSet(counting.executions.get());
    var m =
        approvers(names.toArray(String[]::new))
            .withPolicy(
                ctx -> {
                  var items = ctx.workItem();
                  items.stream().findFirst(); // writes the call's pending changes first
                  mark.set(counting.executions.get());
                  seen.add(items.stream().findFirst().orElseThrow().payload(Approver.class));
                  seen.add("findFirst " + since.getAsLong());
                  List<UUID> all = items.stream().map(WorkItemView::id).toList();
                  seen.add("all " + since.getAsLong());
                  seen.add(all.equals(items.getAllWorkItemIds()));
                  seen.add(all.size());
                  seen.add(
                      items.stream(WorkItemState.COMPLETED)
                          .map(w -> w.payload(Approver.class).name())
                          .toList());
                  seen.add(items.stream(WorkItemState.INITIALIZED, WorkItemState.STARTED).count());
                  seen.add(items.get(all.get(310)).map(w -> w.payload(Approver.class).name()));
                  seen.add(items.get(UUID.randomUUID()).isPresent());
                  return PolicyResult.CONTINUE;
                });
    try (Tasquencer engine =
        Tasquencer.builder().register(around("many", m)).dataSource(counting).build()) {
      var d = Driver.start(engine, "many");
      for (int i = 0; i < 30; i++) {
        d.cmd().initializeWorkItem(d.id, "M", new Approver("b" + i));
      }
      UUID last = d.wi("M").get(329).id();
      d.start(last);
      d.cmd().completeWorkItem(last);
    }

    assertThat(seen)
        .containsExactly(
            new Approver("a0"),
            "findFirst 1",
            "all 2",
            true,
            330,
            List.of("b29"),
            329L,
            java.util.Optional.of("b10"),
            false);
  }

  /** A child workflow's initialize payload (two child types carry different ones). */
  record Order(String ref) {}

  record Batch(int count) {}

  /** {@code start -> t (autoInit) -> end}. */
  static WorkflowBuilder child(String name) {
    return oneTask(name, "t", autoInit());
  }

  static Object payloadOf(ChildWorkflowView w) {
    return w.name().equals("Order") ? w.payload(Order.class) : w.payload(Batch.class);
  }

  @DbTest
  void compositePolicyAndHookSeeTheChildWorkflowWhoseTransitionCalledThem(TestDatabase db) {
    List<String> seen = new ArrayList<>();
    var fanOut =
        Builder.dynamicCompositeTask(child("Order"), child("Batch"))
            .onEnabled(
                ctx -> {
                  ctx.workflow().initialize("Order", new Order("o-1"));
                  ctx.workflow().initialize("Batch", new Batch(2));
                })
            .onWorkflowStateChanged(
                ctx -> {
                  var w = ctx.workflow();
                  if (w.nextState().isFinal()) {
                    seen.add(
                        "hook "
                            + w.name()
                            + " "
                            + w.changed().state().id()
                            + " "
                            + payloadOf(w.changed()));
                  }
                })
            .withPolicy(
                ctx -> {
                  var w = ctx.workflow();
                  seen.add(
                      "policy "
                          + w.name()
                          + " "
                          + w.prevState().id()
                          + "->"
                          + w.nextState().id()
                          + " "
                          + payloadOf(w.changed())
                          + " same id "
                          + w.changed().id().equals(w.id())
                          + " completed "
                          + w.stream(WorkflowState.COMPLETED).map(ChildWorkflowView::name).toList()
                          + " live "
                          + w.stream(WorkflowState.INITIALIZED, WorkflowState.STARTED)
                              .map(ChildReadsTest::payloadOf)
                              .toList()
                          + " get "
                          + w.get(w.id()).map(ChildWorkflowView::name).orElse("none"));
                  return ctx.task().getStats().allFinal()
                      ? PolicyResult.COMPLETE
                      : PolicyResult.CONTINUE;
                });
    var net =
        Builder.workflow("orders")
            .startCondition("start")
            .dynamicCompositeTask("fanOut", fanOut)
            .endCondition("end")
            .connectCondition("start", to -> to.task("fanOut"))
            .connectTask("fanOut", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(net), "orders");
    List<WorkflowSnapshot> children = d.q().childWorkflows(d.id, "fanOut");
    new Driver(d.engine, children.get(1).id()).fire("t");
    new Driver(d.engine, children.get(0).id()).fire("t");

    assertThat(seen)
        .containsExactly(
            "hook Batch completed Batch[count=2]",
            "policy Batch started->completed Batch[count=2] same id true completed [Batch]"
                + " live [Order[ref=o-1]] get Batch",
            "hook Order completed Order[ref=o-1]",
            "policy Order started->completed Order[ref=o-1] same id true completed [Order, Batch]"
                + " live [] get Order");
    assertThat(d.task("fanOut")).isEqualTo(TaskState.COMPLETED);
  }
}
