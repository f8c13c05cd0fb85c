package dev.tasquencer.reference;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.builder.JoinType;
import dev.tasquencer.builder.SplitType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small in-memory interpreter of the net-level rules only (decisions.md D1, D9, D10, D11, D15),
 * written independently of the engine: marking, task states and generations, one enablement pass
 * after every step, token consumption at start, production at completion per split, cancellation
 * regions, workflow completion and failure, and work items driven by external events under the
 * default policy. An event whose completion meets an invalid routing choice throws {@link
 * Routing.Rejected}; the caller restores the {@link #copy()} it took before.
 */
final class ReferenceWorkflow {

  /** A work item: its task, the generation it belongs to, and its index in that generation. */
  static final class Item {
    final int task;
    final int generation;
    final int index;
    WorkItemState state = WorkItemState.INITIALIZED;

    Item(int task, int generation, int index) {
      this.task = task;
      this.generation = generation;
      this.index = index;
    }

    boolean live() {
      return state == WorkItemState.INITIALIZED || state == WorkItemState.STARTED;
    }
  }

  private final RefNet net;
  private final Routing routing;
  private RefOrJoin orJoin;
  private final int[] marking;
  private final TaskState[] tasks;
  private final int[] generations;

  /** Every work item ever created, in creation order. */
  private final List<Item> items = new ArrayList<>();

  private WorkflowState state;

  /** OR-join decisions by (task, marking, started tasks); shared with copies. */
  private Map<String, Boolean> orJoinCache = new HashMap<>();

  /** How often each rule was exercised, for the test's statistics. */
  private final Map<String, Integer> exercised = new TreeMap<>();

  ReferenceWorkflow(RefNet net, Routing routing) {
    this.net = net;
    this.routing = routing;
    this.orJoin = new RefOrJoin(net);
    this.marking = new int[net.conditions.size()];
    this.tasks = new TaskState[net.tasks];
    this.generations = new int[net.tasks];
    Arrays.fill(tasks, TaskState.DISABLED);
  }

  /** A deep copy, to restore when a call is rejected (the engine rolls it back). */
  ReferenceWorkflow copy() {
    ReferenceWorkflow c = new ReferenceWorkflow(net, routing);
    System.arraycopy(marking, 0, c.marking, 0, marking.length);
    System.arraycopy(tasks, 0, c.tasks, 0, tasks.length);
    System.arraycopy(generations, 0, c.generations, 0, generations.length);
    for (Item w : items) {
      Item copy = new Item(w.task, w.generation, w.index);
      copy.state = w.state;
      c.items.add(copy);
    }
    c.state = state;
    c.orJoin = orJoin;
    c.orJoinCache = orJoinCache;
    c.exercised.putAll(exercised);
    return c;
  }

  // ------------------------------------------------------------------------------ events

  /** Initialization: the start condition gets a token, then one pass. */
  void initialize() {
    state = WorkflowState.INITIALIZED;
    marking[net.start] = 1;
    pass();
  }

  void start(Item w) {
    require(w.state == WorkItemState.INITIALIZED, w, "start");
    if (tasks[w.task] == TaskState.ENABLED) {
      startTask(w.task);
    }
    w.state = WorkItemState.STARTED;
  }

  void complete(Item w) {
    require(w.state == WorkItemState.STARTED, w, "complete");
    w.state = WorkItemState.COMPLETED;
    policy(w);
  }

  void fail(Item w) {
    require(w.state == WorkItemState.STARTED, w, "fail");
    w.state = WorkItemState.FAILED;
    policy(w);
  }

  void cancel(Item w) {
    require(w.live(), w, "cancel");
    w.state = WorkItemState.CANCELED;
    policy(w);
  }

  private void require(boolean ok, Item w, String what) {
    if (!ok || state.isFinal() || w.generation != generations[w.task]) {
      throw new IllegalStateException("reference cannot " + what + " " + describe(w));
    }
  }

  // ------------------------------------------------------------------------------ rules

  /** The default policy: fail on a failure, complete once every item of the generation is final. */
  private void policy(Item w) {
    if (w.state == WorkItemState.FAILED) {
      failTask(w.task);
      return;
    }
    for (Item other : items) {
      if (other.task == w.task && other.generation == w.generation && other.live()) {
        return;
      }
    }
    completeTask(w.task);
  }

  /** A step: the task consumes its input tokens (D1), then one pass. */
  private void startTask(int t) {
    consume(t);
    tasks[t] = TaskState.STARTED;
    if (state == WorkflowState.INITIALIZED) {
      state = WorkflowState.STARTED;
    }
    pass();
  }

  private void consume(int t) {
    int[] in = net.inputs[t];
    if (net.joins[t] == JoinType.AND) {
      for (int c : in) {
        marking[c]--;
      }
    } else if (net.joins[t] == JoinType.XOR) {
      for (int c : in) {
        if (marking[c] > 0) {
          if (c != in[0]) {
            note("XOR-join consumes from a later input");
          }
          marking[c]--;
          return;
        }
      }
    } else {
      for (int c : in) {
        if (marking[c] > 0) {
          marking[c]--;
        }
      }
    }
  }

  /** A step: completion, region, output tokens; then the workflow completes or a pass runs. */
  private void completeTask(int t) {
    if (tasks[t] == TaskState.ENABLED) {
      note("D11 start on completion");
      startTask(t); // D11
    }
    tasks[t] = TaskState.COMPLETED;
    teardown(t);
    if (net.regionTasks[t].length + net.regionConditions[t].length > 0) {
      note("cancellation region");
    }
    for (int r : net.regionTasks[t]) {
      if (tasks[r] == TaskState.ENABLED || tasks[r] == TaskState.STARTED) {
        note("region cancels " + tasks[r].id() + " task");
        tasks[r] = TaskState.CANCELED;
        teardown(r);
      }
    }
    for (int c : net.regionConditions[t]) {
      marking[c] = 0;
    }
    int[] outs = net.outputs[t];
    if (net.splits[t] != SplitType.AND && routing.rejects(t, generations[t])) {
      throw new Routing.Rejected("the router of " + net.taskName(t) + " chooses invalidly");
    }
    if (net.splits[t] == SplitType.AND) {
      for (int c : outs) {
        marking[c]++;
      }
    } else if (net.splits[t] == SplitType.XOR) {
      marking[outs[routing.xor(t, generations[t], outs.length)]]++;
    } else {
      int mask = routing.orMask(t, generations[t], outs.length);
      for (int i = 0; i < outs.length; i++) {
        if ((mask & (1 << i)) != 0) {
          marking[outs[i]]++;
        }
      }
    }
    if (marking[net.end] > 0) {
      shutDown(WorkflowState.COMPLETED);
    } else {
      pass();
    }
  }

  private void failTask(int t) {
    if (tasks[t] == TaskState.ENABLED) {
      startTask(t); // D11
    }
    tasks[t] = TaskState.FAILED;
    teardown(t);
    shutDown(WorkflowState.FAILED);
  }

  /** The workflow ends: enabled tasks are withdrawn, started tasks canceled; tokens stay. */
  private void shutDown(WorkflowState end) {
    for (int t = 0; t < net.tasks; t++) {
      if (tasks[t] == TaskState.ENABLED) {
        tasks[t] = TaskState.DISABLED;
        teardown(t);
      } else if (tasks[t] == TaskState.STARTED) {
        tasks[t] = TaskState.CANCELED;
        teardown(t);
      }
    }
    state = end;
  }

  /** D15: withdraw enabled tasks whose join fails, then enable tasks whose join holds. */
  private void pass() {
    if (state.isFinal()) {
      return;
    }
    for (int t = 0; t < net.tasks; t++) {
      if (tasks[t] == TaskState.ENABLED && !joinHolds(t)) {
        note("withdrawal");
        tasks[t] = TaskState.DISABLED;
        teardown(t);
      }
    }
    for (int t = 0; t < net.tasks; t++) {
      if (tasks[t] != TaskState.ENABLED && tasks[t] != TaskState.STARTED && joinHolds(t)) {
        generations[t]++;
        if (generations[t] > 1) {
          note("re-enablement");
        }
        tasks[t] = TaskState.ENABLED;
        for (int i = 0; i < net.itemsPerEnablement[t]; i++) {
          items.add(new Item(t, generations[t], i));
        }
      }
    }
  }

  private boolean joinHolds(int t) {
    int[] in = net.inputs[t];
    switch (net.joins[t]) {
      case AND -> {
        for (int c : in) {
          if (marking[c] == 0) {
            return false;
          }
        }
        return in.length > 0;
      }
      case XOR -> {
        for (int c : in) {
          if (marking[c] > 0) {
            return true;
          }
        }
        return false;
      }
      default -> {
        boolean[] started = new boolean[net.tasks];
        for (int i = 0; i < net.tasks; i++) {
          started[i] = tasks[i] == TaskState.STARTED;
        }
        String key = t + "|" + Arrays.toString(marking) + "|" + Arrays.toString(started);
        Boolean cached = orJoinCache.get(key);
        if (cached == null) {
          cached = orJoin.fires(t, marking, started);
          orJoinCache.put(key, cached);
          note(cached ? "OR-join fires" : "OR-join waits");
        }
        return cached;
      }
    }
  }

  /** Cancels the live work items of the task's current generation (no policy). */
  private void teardown(int t) {
    for (Item w : items) {
      if (w.task == t && w.generation == generations[t] && w.live()) {
        w.state = WorkItemState.CANCELED;
      }
    }
  }

  private void note(String rule) {
    exercised.merge(rule, 1, Integer::sum);
  }

  // ------------------------------------------------------------------------------ views

  /** How often each rule was exercised so far. */
  Map<String, Integer> exercised() {
    return exercised;
  }

  WorkflowState state() {
    return state;
  }

  boolean active() {
    return !state.isFinal();
  }

  /** The live work items in the given state, in creation order. */
  List<Item> itemsIn(WorkItemState s) {
    List<Item> out = new ArrayList<>();
    for (Item w : items) {
      if (w.state == s) {
        out.add(w);
      }
    }
    return out;
  }

  TaskState taskState(int t) {
    return tasks[t];
  }

  int generation(int t) {
    return generations[t];
  }

  /** The marking of every condition, by name. */
  Map<String, Integer> marking() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int c = 0; c < marking.length; c++) {
      out.put(net.conditionName(c), marking[c]);
    }
    return out;
  }

  /** The states of the work items of the task's latest generation, oldest first. */
  List<WorkItemState> latestItems(int t) {
    List<WorkItemState> out = new ArrayList<>();
    for (Item w : items) {
      if (w.task == t && w.generation == generations[t]) {
        out.add(w.state);
      }
    }
    return out;
  }

  String describe(Item w) {
    return net.taskName(w.task) + "#" + w.generation + "." + w.index + "(" + w.state.id() + ")";
  }
}
