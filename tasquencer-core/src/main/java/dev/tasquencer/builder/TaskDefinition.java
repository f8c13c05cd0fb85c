package dev.tasquencer.builder;

import dev.tasquencer.api.OrRouter;
import dev.tasquencer.api.XorRouter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A task of a built workflow definition: its join and split, its input and output conditions in
 * declaration order, its router and cancellation region. Immutable once built.
 */
public abstract sealed class TaskDefinition
    permits AtomicTaskDefinition, DummyTaskDefinition, CompositeTaskDefinition {
  private final String name;
  private final int index;
  private final JoinType joinType;
  private final SplitType splitType;
  private final String description;
  private List<ConditionDefinition> inputs = new ArrayList<>();
  private List<ConditionDefinition> outputs = new ArrayList<>();
  private List<TaskDefinition> regionTasks = new ArrayList<>();
  private List<ConditionDefinition> regionConditions = new ArrayList<>();
  private @Nullable XorRouter xorRouter;
  private @Nullable OrRouter orRouter;
  private @Nullable ConditionDefinition defaultOutput;

  @SuppressWarnings("NullAway.Init") // set by freeze(), before the definition is handed out
  private WorkflowDefinition workflow;

  @SuppressWarnings("NullAway.Init") // likewise
  private List<String> path;

  TaskDefinition(
      String name, int index, JoinType joinType, SplitType splitType, String description) {
    this.name = name;
    this.index = index;
    this.joinType = joinType;
    this.splitType = splitType;
    this.description = description;
  }

  public String name() {
    return name;
  }

  /** Position in {@link WorkflowDefinition#tasks()} (declaration order). */
  public int index() {
    return index;
  }

  public JoinType joinType() {
    return joinType;
  }

  public SplitType splitType() {
    return splitType;
  }

  public String description() {
    return description;
  }

  /** Input conditions in the order their flows into this task were declared. */
  public List<ConditionDefinition> inputs() {
    return inputs;
  }

  /** Output conditions in the order the flows were declared. */
  public List<ConditionDefinition> outputs() {
    return outputs;
  }

  /** Tasks canceled when this task completes. */
  public List<TaskDefinition> regionTasks() {
    return regionTasks;
  }

  /** Conditions emptied when this task completes. */
  public List<ConditionDefinition> regionConditions() {
    return regionConditions;
  }

  public boolean hasCancellationRegion() {
    return !regionTasks.isEmpty() || !regionConditions.isEmpty();
  }

  public @Nullable XorRouter xorRouter() {
    return xorRouter;
  }

  public @Nullable OrRouter orRouter() {
    return orRouter;
  }

  /** The output taken when a XOR/OR router chooses nothing, or null. */
  public @Nullable ConditionDefinition defaultOutput() {
    return defaultOutput;
  }

  public WorkflowDefinition workflow() {
    return workflow;
  }

  /** Workflow names and task names from the root definition down to this task. */
  public List<String> path() {
    return path;
  }

  /** The kind of task, for structure descriptions: atomic, dummy, composite... */
  public abstract String kind();

  void addInput(ConditionDefinition c) {
    inputs.add(c);
  }

  void addOutput(ConditionDefinition c) {
    outputs.add(c);
  }

  void setRouting(
      @Nullable XorRouter xor, @Nullable OrRouter or, @Nullable ConditionDefinition defaultOutput) {
    this.xorRouter = xor;
    this.orRouter = or;
    this.defaultOutput = defaultOutput;
  }

  void addRegionTask(TaskDefinition t) {
    regionTasks.add(t);
  }

  void addRegionCondition(ConditionDefinition c) {
    regionConditions.add(c);
  }

  void freeze(WorkflowDefinition workflow) {
    this.workflow = workflow;
    List<String> p = new ArrayList<>(workflow.path());
    p.add(name);
    this.path = List.copyOf(p);
    inputs = Collections.unmodifiableList(inputs);
    outputs = Collections.unmodifiableList(outputs);
    regionTasks = Collections.unmodifiableList(regionTasks);
    regionConditions = Collections.unmodifiableList(regionConditions);
  }

  @Override
  public String toString() {
    return "task " + name;
  }
}
