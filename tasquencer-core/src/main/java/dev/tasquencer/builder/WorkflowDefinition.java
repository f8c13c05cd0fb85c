package dev.tasquencer.builder;

import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.InstanceView;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A built, validated and immutable workflow net. Register it with the engine; one definition serves
 * every instance created from it.
 */
public final class WorkflowDefinition {
  /** The version name used when a builder does not set one. */
  public static final String DEFAULT_VERSION = "v1";

  private final String name;
  private final String version;
  private final String description;
  private final List<String> path;
  private final List<ConditionDefinition> conditions;
  private final List<TaskDefinition> tasks;
  private final Map<String, ConditionDefinition> conditionsByName;
  private final Map<String, TaskDefinition> tasksByName;
  private final ConditionDefinition start;
  private final ConditionDefinition end;
  private final WorkflowActivities activities;
  private final WorkflowActions actions;
  private final List<String> warnings;
  private final boolean implicitTermination;
  private final @Nullable HistoryLevel history;
  private final boolean uniqueBusinessKey;
  private final String structureHash;

  WorkflowDefinition(
      String name,
      String version,
      String description,
      List<String> path,
      List<ConditionDefinition> conditions,
      List<TaskDefinition> tasks,
      ConditionDefinition start,
      ConditionDefinition end,
      WorkflowActivities activities,
      WorkflowActions actions,
      List<String> warnings,
      boolean implicitTermination,
      @Nullable HistoryLevel history,
      boolean uniqueBusinessKey) {
    this.name = name;
    this.version = version;
    this.description = description;
    this.path = List.copyOf(path);
    this.conditions = List.copyOf(conditions);
    this.tasks = List.copyOf(tasks);
    Map<String, ConditionDefinition> cm = new LinkedHashMap<>();
    conditions.forEach(c -> cm.put(c.name(), c));
    Map<String, TaskDefinition> tm = new LinkedHashMap<>();
    tasks.forEach(t -> tm.put(t.name(), t));
    this.conditionsByName = Collections.unmodifiableMap(cm);
    this.tasksByName = Collections.unmodifiableMap(tm);
    this.start = start;
    this.end = end;
    this.activities = activities;
    this.actions = actions;
    this.warnings = List.copyOf(warnings);
    this.implicitTermination = implicitTermination;
    this.history = history;
    this.uniqueBusinessKey = uniqueBusinessKey;
    conditions.forEach(c -> c.freeze(this));
    tasks.forEach(t -> t.freeze(this));
    this.structureHash = StructureHash.of(this);
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  public String description() {
    return description;
  }

  /** Workflow and task names from the root definition down to this workflow. */
  public List<String> path() {
    return path;
  }

  /** Conditions: declared ones first, in declaration order, then implicit ones in flow order. */
  public List<ConditionDefinition> conditions() {
    return conditions;
  }

  /** Tasks in declaration order (the order enablement passes visit them). */
  public List<TaskDefinition> tasks() {
    return tasks;
  }

  public Optional<TaskDefinition> task(String name) {
    return Optional.ofNullable(tasksByName.get(name));
  }

  public Optional<ConditionDefinition> condition(String name) {
    return Optional.ofNullable(conditionsByName.get(name));
  }

  public ConditionDefinition startCondition() {
    return start;
  }

  public ConditionDefinition endCondition() {
    return end;
  }

  public WorkflowActivities activities() {
    return activities;
  }

  public WorkflowActions actions() {
    return actions;
  }

  /**
   * Whether instances complete as soon as no task is enabled or started (see {@link
   * WorkflowBuilder#terminatesImplicitly()}).
   */
  public boolean terminatesImplicitly() {
    return implicitTermination;
  }

  /**
   * The history level this definition sets for its instances ({@link
   * WorkflowBuilder#history(HistoryLevel)}); empty when the engine's level applies.
   */
  public Optional<HistoryLevel> historyLevel() {
    return Optional.ofNullable(history);
  }

  /**
   * Whether root instances' business keys are unique among the roots of this workflow name that are
   * not final ({@link WorkflowBuilder#uniqueBusinessKey()}).
   */
  public boolean uniqueBusinessKey() {
    return uniqueBusinessKey;
  }

  /** Non-fatal findings of {@code build()}, each naming the element and the consequence. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * A hash of the net's structure (elements, kinds, joins, splits, flows, regions), stored by the
   * engine to detect a definition changed under an existing version name.
   */
  public String structureHash() {
    return structureHash;
  }

  /**
   * The net as a Graphviz digraph, in YAWL's look: circles for conditions (start outlined green,
   * end a red double circle), boxes for tasks with the join on the left and the split on the right
   * when they decide something, dashed dummy tasks, a point for the implicit condition of a
   * task-to-task flow, dashed red edges from a cancellation region's owner, "default" on default
   * flows. Render it with {@code dot -Tsvg}. The text depends only on the definition: elements and
   * flows come in declaration order.
   */
  public String toDot() {
    return DotGraph.render(this, null);
  }

  /**
   * {@link #toDot()} coloured by one instance: conditions holding tokens are filled and show their
   * count, tasks are filled by state (enabled, started, completed, failed, canceled, disabled), and
   * a legend explains the colours. Names the view has and the definition does not are ignored.
   *
   * @param view for example {@code engine.queries().view(workflowId)}
   */
  public String toDot(InstanceView view) {
    return DotGraph.render(this, Objects.requireNonNull(view, "view"));
  }

  /**
   * The net as a Mermaid flowchart, to put in Markdown ({@code ```mermaid}): the same elements as
   * {@link #toDot()}, with a task-to-task flow drawn as one edge.
   */
  public String toMermaid() {
    return MermaidGraph.render(this, null);
  }

  /** {@link #toMermaid()} coloured by one instance, as {@link #toDot(InstanceView)}. */
  public String toMermaid(InstanceView view) {
    return MermaidGraph.render(this, Objects.requireNonNull(view, "view"));
  }

  @Override
  public String toString() {
    return "workflow " + name + " " + version;
  }
}
