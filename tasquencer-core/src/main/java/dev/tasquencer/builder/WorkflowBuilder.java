package dev.tasquencer.builder;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.context.WorkflowActivityContext;
import dev.tasquencer.api.incident.IncidentActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

  private WorkflowBuilder(
      String name,
      String version,
      String description,
      List<ConditionDecl> conditions,
      List<TaskDecl> tasks,
      List<Connection> connections,
      List<RegionDecl> regions,
      WorkflowActivities activities,
      WorkflowActions actions,
      boolean implicitTermination,
      @Nullable HistoryLevel history,
      boolean uniqueBusinessKey) {
    this.name = name;
    this.version = version;
    this.description = description;
    this.conditions = List.copyOf(conditions);
    this.tasks = List.copyOf(tasks);
    this.connections = List.copyOf(connections);
    this.regions = List.copyOf(regions);
    this.activities = activities;
    this.actions = actions;
    this.implicitTermination = implicitTermination;
    this.history = history;
    this.uniqueBusinessKey = uniqueBusinessKey;
  }

  static WorkflowBuilder named(String name) {
    Objects.requireNonNull(name, "workflow name");
    return new WorkflowBuilder(
        name,
        WorkflowDefinition.DEFAULT_VERSION,
        "",
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        WorkflowActivities.NONE,
        WorkflowActions.DEFAULTS,
        false,
        null,
        false);
  }

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return copy;
  }

  private WorkflowBuilder withConditions(List<ConditionDecl> c) {
    return new WorkflowBuilder(
        name,
        version,
        description,
        c,
        tasks,
        connections,
        regions,
        activities,
        actions,
        implicitTermination,
        history,
        uniqueBusinessKey);
  }

  private WorkflowBuilder withTasks(List<TaskDecl> t) {
    return new WorkflowBuilder(
        name,
        version,
        description,
        conditions,
        t,
        connections,
        regions,
        activities,
        actions,
        implicitTermination,
        history,
        uniqueBusinessKey);
  }

  private WorkflowBuilder withConnections(List<Connection> c) {
    return new WorkflowBuilder(
        name,
        version,
        description,
        conditions,
        tasks,
        c,
        regions,
        activities,
        actions,
        implicitTermination,
        history,
        uniqueBusinessKey);
  }

  private WorkflowBuilder withActivities(WorkflowActivities a) {
    return new WorkflowBuilder(
        name,
        version,
        description,
        conditions,
        tasks,
        connections,
        regions,
        a,
        actions,
        implicitTermination,
        history,
        uniqueBusinessKey);
  }

  /**
   * Makes instances complete as soon as nothing is left to do (no task enabled or started), even
   * when the end condition is not marked: the workflow-patterns' "implicit termination". Without
   * it, only the end condition completes a workflow.
   */
  public WorkflowBuilder terminatesImplicitly() {
    return new WorkflowBuilder(
        name,
        version,
        description,
        conditions,
        tasks,
        connections,
        regions,
        activities,
        actions,
        true,
        history,
        uniqueBusinessKey);
  }

  /**
   * How much history the engine writes for instances of this workflow (a child workflow's own
   * setting applies to its elements), instead of the engine's level ({@code
   * TasquencerBuilder.history(...)}). See {@code docs/history.md}.
   */
  public WorkflowBuilder history(HistoryLevel level) {
    return new WorkflowBuilder(
        name,
        version,
        description,
        conditions,
        tasks,
        connections,
        regions,
        activities,
        actions,
        implicitTermination,
        Objects.requireNonNull(level, "history level"),
        uniqueBusinessKey);
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
    return new WorkflowBuilder(
        name,
        version,
        description,
        conditions,
        tasks,
        connections,
        regions,
        activities,
        actions,
        implicitTermination,
        history,
        true);
  }

  /** The version name instances record (default {@code v1}). */
  public WorkflowBuilder version(String version) {
    return new WorkflowBuilder(
        name,
        Objects.requireNonNull(version, "version"),
        description,
        conditions,
        tasks,
        connections,
        regions,
        activities,
        actions,
        implicitTermination,
        history,
        uniqueBusinessKey);
  }

  public WorkflowBuilder withDescription(String description) {
    return new WorkflowBuilder(
        name,
        version,
        Objects.requireNonNull(description),
        conditions,
        tasks,
        connections,
        regions,
        activities,
        actions,
        implicitTermination,
        history,
        uniqueBusinessKey);
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
    return new WorkflowBuilder(
        name,
        version,
        description,
        conditions,
        tasks,
        connections,
        plus(regions, new RegionDecl(owner, r)),
        activities,
        actions,
        implicitTermination,
        history,
        uniqueBusinessKey);
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
    return new WorkflowBuilder(
        name,
        version,
        description,
        conditions,
        tasks,
        connections,
        regions,
        activities,
        Objects.requireNonNull(actions),
        implicitTermination,
        history,
        uniqueBusinessKey);
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
