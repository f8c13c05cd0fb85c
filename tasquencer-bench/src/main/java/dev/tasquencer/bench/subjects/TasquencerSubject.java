package dev.tasquencer.bench.subjects;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.Route;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.bench.jdbc.CountingDataSource;
import dev.tasquencer.bench.measure.Probe;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.TaskFlowBuilder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Our engine, driven through internal calls. */
public final class TasquencerSubject implements Subject {

  /** W1's payload: how many work items the task creates. */
  public record Items(int n) {}

  /** W5's payload: the branches (1..6) the OR-split routes to. */
  public record Branches(List<Integer> branches) {}

  /** A work item that starts itself, ticks and completes itself: an automatic work item. */
  static final WorkItemBuilder AUTO =
      Builder.workItem("auto")
          .onInitialized(ctx -> ctx.workItem().start())
          .onStarted(
              ctx -> {
                Probe.tick();
                ctx.workItem().complete();
              });

  /** A work item that waits for an external call. */
  static final WorkItemBuilder WAIT = Builder.workItem("wait");

  /** The history levels our engine can run at ({@code --history}), by their ids. */
  public static final List<String> HISTORY_LEVELS = levels();

  private final CountingDataSource dataSource;
  private final Tasquencer engine;
  private final HistoryLevel level;

  /** A root this subject started, to read the engine's history level back from; null before. */
  private @Nullable UUID someRoot;

  /**
   * @param history the history level to run at, one of {@link #HISTORY_LEVELS}
   */
  public TasquencerSubject(CountingDataSource dataSource, String history) {
    this.level = level(history);
    this.dataSource = dataSource;
    this.engine =
        Tasquencer.builder()
            .dataSource(dataSource)
            .history(level)
            .register(definitions().toArray(new WorkflowDefinition[0]))
            .build();
  }

  /** The level named {@code id} ("audit"); throws, listing the levels, for an unknown one. */
  public static HistoryLevel level(String id) {
    for (HistoryLevel l : HistoryLevel.values()) {
      if (l.id().equals(id)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "--history: unknown level '" + id + "' (levels: " + String.join(", ", levels()) + ")");
  }

  /** Throws when the engine cannot run at {@code level}, saying why. */
  public static void checkHistory(String level) {
    level(level);
  }

  private static List<String> levels() {
    List<String> out = new ArrayList<>();
    for (HistoryLevel l : HistoryLevel.values()) {
      out.add(l.id());
    }
    return List.copyOf(out);
  }

  /** The benchmark's workflows. */
  public static List<WorkflowDefinition> definitions() {
    return List.of(w1(), w2(), w3(), w4(), w5(true), w5(false));
  }

  static TaskBuilder auto() {
    return Builder.task(AUTO).onEnabled(ctx -> ctx.workItem().initialize());
  }

  static WorkflowDefinition w1() {
    return Builder.workflow("w1")
        .startCondition("start")
        .task(
            "items",
            Builder.task(AUTO)
                .onEnabled(
                    ctx -> {
                      int n = ctx.parent().workflowPayload(Items.class).n();
                      for (int i = 0; i < n; i++) {
                        ctx.workItem().initialize();
                      }
                    }))
        .endCondition("end")
        .connectCondition("start", to -> to.task("items"))
        .connectTask("items", to -> to.condition("end"))
        .build();
  }

  static WorkflowDefinition w2() {
    WorkflowBuilder b = Builder.workflow("w2").startCondition("start").endCondition("end");
    for (int i = 1; i <= 10; i++) {
      b = b.task("t" + i, auto());
    }
    b = b.connectCondition("start", to -> to.task("t1"));
    for (int i = 1; i < 10; i++) {
      String next = "t" + (i + 1);
      b = b.connectTask("t" + i, to -> to.task(next));
    }
    return b.connectTask("t10", to -> to.condition("end")).build();
  }

  static WorkflowDefinition w3() {
    WorkflowBuilder b =
        Builder.workflow("w3")
            .startCondition("start")
            .task("split", auto().withSplitType(SplitType.AND))
            .task("join", auto().withJoinType(JoinType.AND))
            .endCondition("end")
            .connectCondition("start", to -> to.task("split"));
    for (int i = 1; i <= 4; i++) {
      b = b.task("b" + i, auto()).connectTask("b" + i, to -> to.task("join"));
    }
    return b.connectTask("split", to -> to.task("b1").task("b2").task("b3").task("b4"))
        .connectTask("join", to -> to.condition("end"))
        .build();
  }

  static WorkflowDefinition w4() {
    return Builder.workflow("w4")
        .startCondition("start")
        .task("A", Builder.task(WAIT).onEnabled(ctx -> ctx.workItem().initialize()))
        .task("B", Builder.task(WAIT).onEnabled(ctx -> ctx.workItem().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("A"))
        .connectTask("A", to -> to.task("B"))
        .connectTask("B", to -> to.condition("end"))
        .build();
  }

  static WorkflowDefinition w5(boolean or) {
    WorkflowBuilder b =
        Builder.workflow(or ? "w5or" : "w5and")
            .startCondition("start")
            .task("S", auto().withSplitType(or ? SplitType.OR : SplitType.AND))
            .endCondition("end")
            .connectCondition("start", to -> to.task("S"));
    for (int br = 1; br <= W5_BRANCHES; br++) {
      for (int t = 1; t <= W5_BRANCH_LENGTH; t++) {
        b = b.task(Subject.w5Task(br, t), auto());
      }
    }
    b = b.task("J", auto().withJoinType(or ? JoinType.OR : JoinType.AND));
    b =
        b.connectTask(
            "S",
            to -> {
              TaskFlowBuilder f = to;
              for (int br = 1; br <= W5_BRANCHES; br++) {
                f = f.task(Subject.w5Task(br, 1));
              }
              if (or) {
                f =
                    f.routes(
                        ctx -> {
                          List<Route> routes = new ArrayList<>();
                          for (int br : ctx.parent().workflowPayload(Branches.class).branches()) {
                            routes.add(ctx.toTask(Subject.w5Task(br, 1)));
                          }
                          return routes;
                        });
              }
              return f;
            });
    for (int br = 1; br <= W5_BRANCHES; br++) {
      for (int t = 1; t < W5_BRANCH_LENGTH; t++) {
        String next = Subject.w5Task(br, t + 1);
        b = b.connectTask(Subject.w5Task(br, t), to -> to.task(next));
      }
      b = b.connectTask(Subject.w5Task(br, W5_BRANCH_LENGTH), to -> to.task("J"));
    }
    return b.connectTask("J", to -> to.condition("end")).build();
  }

  @Override
  public String id() {
    return "tasquencer";
  }

  @Override
  public CountingDataSource dataSource() {
    return dataSource;
  }

  public Tasquencer engine() {
    return engine;
  }

  @Override
  public Object oneTaskManyItems(int n) {
    return started(engine.internal().initializeRootWorkflow("w1", new Items(n)));
  }

  @Override
  public Object sequenceOfTen() {
    return started(engine.internal().initializeRootWorkflow("w2", null));
  }

  @Override
  public Object andSplitJoin() {
    return started(engine.internal().initializeRootWorkflow("w3", null));
  }

  @Override
  public List<Object> waitingInstances(int k) {
    List<Object> items = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      UUID wf = started(engine.internal().initializeRootWorkflow("w4", null));
      UUID item = engine.queries().workItems(wf, "A").get(0).id();
      engine.internal().startWorkItem(item);
      items.add(item);
    }
    return items;
  }

  /**
   * One W4 instance run to its end (several calls): A's and B's work items started and completed.
   * Returns its root workflow's id.
   */
  public UUID finishedRoot() {
    UUID wf = started(engine.internal().initializeRootWorkflow("w4", null));
    for (String task : List.of("A", "B")) {
      UUID item = engine.queries().workItems(wf, task).get(0).id();
      engine.internal().startWorkItem(item);
      engine.internal().completeWorkItem(item);
    }
    if (engine.queries().workflowState(wf) != WorkflowState.COMPLETED) {
      throw new IllegalStateException("the W4 instance " + wf + " did not complete");
    }
    return wf;
  }

  @Override
  public void completeWaiting(Object handle) {
    engine.internal().completeWorkItem((UUID) handle);
  }

  @Override
  public Object splitJoinNet(boolean orJoin, List<Integer> branches) {
    return started(
        engine
            .internal()
            .initializeRootWorkflow(orJoin ? "w5or" : "w5and", new Branches(branches)));
  }

  @Override
  public boolean ended(Object handle) {
    return engine.queries().workflowState((UUID) handle) == WorkflowState.COMPLETED;
  }

  @Override
  public boolean waitsAtSecond(Object handle) {
    var item = engine.queries().workItem((UUID) handle);
    var wf = item.workflowId();
    return item.state() == WorkItemState.COMPLETED
        && engine.queries().task(wf, "A").state() == TaskState.COMPLETED
        && engine.queries().task(wf, "B").state() == TaskState.ENABLED
        && engine.queries().workItems(wf, "B").size() == 1
        && engine.queries().workItems(wf, "B").get(0).state() == WorkItemState.INITIALIZED;
  }

  @Override
  public String settings() {
    return "history level "
        + level.id()
        + ", internal calls, engine rows written in batches at the end of each call";
  }

  /**
   * The level the engine records this subject's instances at, read back from the engine (the live
   * state of a root it started); the configured level until it has started one.
   */
  @Override
  public String history() {
    UUID root = someRoot;
    return root == null ? level.id() : engine.queries().state(root).level().id();
  }

  private UUID started(UUID root) {
    if (someRoot == null) {
      someRoot = root;
    }
    return root;
  }

  @Override
  public void close() {
    engine.close();
  }
}
