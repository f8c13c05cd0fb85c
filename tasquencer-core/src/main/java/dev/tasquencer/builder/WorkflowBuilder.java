package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.context.WorkflowActivityContext;
import dev.tasquencer.api.incident.IncidentActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Declares a workflow net: conditions, tasks, flows and cancellation regions. Immutable; every
 * method returns a new builder. {@link #build()} validates the whole net and reports every problem
 * at once.
 */
public final class WorkflowBuilder {

  /** The role of a declared condition. */
  enum Role {
    START,
    END,
    PLAIN
  }

  record ConditionDecl(String name, Role role) {}

  record TaskDecl(String name, TaskDeclaration declaration) {}

  sealed interface Connection permits TaskConnection, ConditionConnection {
    String from();
  }

  record TaskConnection(String from, TaskFlowBuilder flows) implements Connection {}

  record ConditionConnection(String from, ConditionFlowBuilder flows) implements Connection {}

  record RegionDecl(String owner, CancellationRegionBuilder region) {}

  final String name;
  final String version;
  final String description;
  final List<ConditionDecl> conditions;
  final List<TaskDecl> tasks;
  final List<Connection> connections;
  final List<RegionDecl> regions;
  final WorkflowActivities activities;
  final WorkflowActions actions;
  final boolean implicitTermination;

  /** The history level of this workflow's instances; null: the engine's. */
  final @Nullable HistoryLevel history;

  /** Whether business keys of this workflow's roots are unique among those that are not final. */
  final boolean uniqueBusinessKey;

  /** What a builder holds besides its name: copied, changed and frozen to make the next one. */
  private static final class Parts {
    String version = WorkflowDefinition.DEFAULT_VERSION;
    String description = "";
    List<ConditionDecl> conditions = List.of();
    List<TaskDecl> tasks = List.of();
    List<Connection> connections = List.of();
    List<RegionDecl> regions = List.of();
    WorkflowActivities activities = WorkflowActivities.NONE;
    WorkflowActions actions = WorkflowActions.DEFAULTS;
    boolean implicitTermination;
    @Nullable HistoryLevel history;
    boolean uniqueBusinessKey;

    Parts() {}

    Parts(WorkflowBuilder b) {
      version = b.version;
      description = b.description;
      conditions = b.conditions;
      tasks = b.tasks;
      connections = b.connections;
      regions = b.regions;
      activities = b.activities;
      actions = b.actions;
      implicitTermination = b.implicitTermination;
      history = b.history;
      uniqueBusinessKey = b.uniqueBusinessKey;
    }
  }

  private WorkflowBuilder(String name, Parts p) {
    this.name = name;
    this.version = p.version;
    this.description = p.description;
    this.conditions = List.copyOf(p.conditions);
    this.tasks = List.copyOf(p.tasks);
    this.connections = List.copyOf(p.connections);
    this.regions = List.copyOf(p.regions);
    this.activities = p.activities;
    this.actions = p.actions;
    this.implicitTermination = p.implicitTermination;
    this.history = p.history;
    this.uniqueBusinessKey = p.uniqueBusinessKey;
  }

  static WorkflowBuilder named(String name) {
    Objects.requireNonNull(name, "workflow name");
    return new WorkflowBuilder(name, new Parts());
  }

  /** A copy of this builder with {@code change} applied. */
  private WorkflowBuilder with(Consumer<Parts> change) {
    Parts p = new Parts(this);
    change.accept(p);
    return new WorkflowBuilder(name, p);
  }

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return copy;
  }

  private WorkflowBuilder withConditions(List<ConditionDecl> c) {
    return with(p -> p.conditions = c);
  }

  private WorkflowBuilder withTasks(List<TaskDecl> t) {
    return with(p -> p.tasks = t);
  }

  private WorkflowBuilder withConnections(List<Connection> c) {
    return with(p -> p.connections = c);
  }

  private WorkflowBuilder withActivities(WorkflowActivities a) {
    return with(p -> p.activities = a);
  }

  /**
   * Makes instances complete as soon as nothing is left to do (no task enabled or started), even
   * when the end condition is not marked: the workflow-patterns' "implicit termination". Without
   * it, only the end condition completes a workflow.
   */
  public WorkflowBuilder terminatesImplicitly() {
    return with(p -> p.implicitTermination = true);
  }

  /**
   * How much history the engine writes for instances of this workflow (a child workflow's own
   * setting applies to its elements), instead of the engine's level ({@code
   * TasquencerBuilder.history(...)}). See {@code docs/history.md}.
   */
  public WorkflowBuilder history(HistoryLevel level) {
    return with(p -> p.history = Objects.requireNonNull(level, "history level"));
  }

  /**
   * Declares the business keys of this workflow's root instances unique: initializing a root with a
   * key that another root of the same workflow name (any version whose definition declares it too)
   * holds while it is initialized or started is refused with {@link
   * dev.tasquencer.api.error.BusinessKeyConflictException}. A completed, failed or canceled root
   * frees its key. The database enforces it (a unique index), so concurrent starts cannot both win.
   * See {@code docs/search.md}.
   */
  public WorkflowBuilder uniqueBusinessKey() {
    return with(p -> p.uniqueBusinessKey = true);
  }

  /** The version name instances record (default {@code v1}). */
  public WorkflowBuilder version(String version) {
    return with(p -> p.version = Objects.requireNonNull(version, "version"));
  }

  public WorkflowBuilder withDescription(String description) {
    return with(p -> p.description = Objects.requireNonNull(description));
  }

  /** Declares the start condition; it holds one token when the workflow is initialized. */
  public WorkflowBuilder startCondition(String name) {
    return withConditions(plus(conditions, new ConditionDecl(name, Role.START)));
  }

  /** Declares the end condition; the workflow completes when it is marked. */
  public WorkflowBuilder endCondition(String name) {
    return withConditions(plus(conditions, new ConditionDecl(name, Role.END)));
  }

  /** Declares an explicit condition. */
  public WorkflowBuilder condition(String name) {
    return withConditions(plus(conditions, new ConditionDecl(name, Role.PLAIN)));
  }

  /** Adds an atomic task. */
  public WorkflowBuilder task(String name, TaskBuilder task) {
    return withTasks(plus(tasks, new TaskDecl(name, Objects.requireNonNull(task, "task"))));
  }

  /** Adds a composite task (from {@link Builder#compositeTask}). */
  public WorkflowBuilder compositeTask(String name, CompositeTaskBuilder task) {
    return withTasks(plus(tasks, new TaskDecl(name, Objects.requireNonNull(task, "task"))));
  }

  /** Adds a dynamic composite task (from {@link Builder#dynamicCompositeTask}). */
  public WorkflowBuilder dynamicCompositeTask(String name, CompositeTaskBuilder task) {
    return compositeTask(name, task);
  }

  /** Adds a dummy (routing-only) task. */
  public WorkflowBuilder dummyTask(String name, DummyTaskBuilder task) {
    return withTasks(plus(tasks, new TaskDecl(name, Objects.requireNonNull(task, "task"))));
  }

  /** Declares the outgoing flows of a task. */
  public WorkflowBuilder connectTask(String task, UnaryOperator<TaskFlowBuilder> flows) {
    TaskFlowBuilder f = Objects.requireNonNull(flows.apply(TaskFlowBuilder.empty()), "flows");
    return withConnections(plus(connections, new TaskConnection(task, f)));
  }

  /** Declares the outgoing flows of a condition. */
  public WorkflowBuilder connectCondition(
      String condition, UnaryOperator<ConditionFlowBuilder> flows) {
    ConditionFlowBuilder f =
        Objects.requireNonNull(flows.apply(ConditionFlowBuilder.empty()), "flows");
    return withConnections(plus(connections, new ConditionConnection(condition, f)));
  }

  /**
   * Declares the cancellation region of a task: when {@code owner} completes, the listed tasks are
   * canceled and the listed conditions emptied.
   */
  public WorkflowBuilder withCancellationRegion(
      String owner, UnaryOperator<CancellationRegionBuilder> region) {
    CancellationRegionBuilder r =
        Objects.requireNonNull(region.apply(CancellationRegionBuilder.empty()), "region");
    return with(p -> p.regions = plus(regions, new RegionDecl(owner, r)));
  }

  /** Runs once the workflow's rows exist, before any of its tasks is enabled. */
  public WorkflowBuilder onInitialized(Activity<WorkflowActivityContext> activity) {
    var a = activities;
    return withActivities(
        new WorkflowActivities(
            activity,
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            a.onIncident()));
  }

  /** Runs when the first task of the workflow starts. */
  public WorkflowBuilder onStarted(Activity<WorkflowActivityContext> activity) {
    var a = activities;
    return withActivities(
        new WorkflowActivities(
            a.onInitialized(),
            activity,
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            a.onIncident()));
  }

  public WorkflowBuilder onCompleted(Activity<WorkflowActivityContext> activity) {
    var a = activities;
    return withActivities(
        new WorkflowActivities(
            a.onInitialized(),
            a.onStarted(),
            activity,
            a.onFailed(),
            a.onCanceled(),
            a.onIncident()));
  }

  public WorkflowBuilder onFailed(Activity<WorkflowActivityContext> activity) {
    var a = activities;
    return withActivities(
        new WorkflowActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            activity,
            a.onCanceled(),
            a.onIncident()));
  }

  public WorkflowBuilder onCanceled(Activity<WorkflowActivityContext> activity) {
    var a = activities;
    return withActivities(
        new WorkflowActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            activity,
            a.onIncident()));
  }

  /**
   * Runs once when an incident opens on this workflow, one of its tasks or one of its work items (a
   * job exhausted its attempts), in the transaction that parks the job: see docs/incidents.md.
   */
  public WorkflowBuilder onIncident(IncidentActivity activity) {
    var a = activities;
    return withActivities(
        new WorkflowActivities(
            a.onInitialized(),
            a.onStarted(),
            a.onCompleted(),
            a.onFailed(),
            a.onCanceled(),
            activity));
  }

  /** Replaces the workflow's initialize and cancel actions. */
  public WorkflowBuilder withActions(WorkflowActions actions) {
    return with(p -> p.actions = Objects.requireNonNull(actions));
  }

  public String name() {
    return name;
  }

  /**
   * Validates the net and builds the immutable definition.
   *
   * @throws dev.tasquencer.api.error.InvalidDefinitionException listing every problem found
   */
  public WorkflowDefinition build() {
    return new DefinitionCompiler(this, List.of(), version).compile();
  }
}
