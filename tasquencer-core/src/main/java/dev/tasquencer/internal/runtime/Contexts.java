package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.Transition;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.context.ChildWorkflowIds;
import dev.tasquencer.api.context.CompositeParent;
import dev.tasquencer.api.context.RouterContext;
import dev.tasquencer.api.context.TaskEnabledContext;
import dev.tasquencer.api.context.TaskEndedContext;
import dev.tasquencer.api.context.TaskInfo;
import dev.tasquencer.api.context.TaskPolicyContext;
import dev.tasquencer.api.context.WorkItemChange;
import dev.tasquencer.api.context.WorkItemEvent;
import dev.tasquencer.api.context.WorkItemIds;
import dev.tasquencer.api.context.WorkItemParent;
import dev.tasquencer.api.context.WorkItemStateChangedContext;
import dev.tasquencer.api.context.WorkItemView;
import dev.tasquencer.api.context.WorkflowActivityContext;
import dev.tasquencer.api.context.WorkflowInfo;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.AtomicTaskDefinition;
import dev.tasquencer.internal.store.WorkItemRow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The context objects handed to task and workflow activities, policies and routers. */
final class Contexts {
  private Contexts() {}

  /** The workflow a task belongs to, and for work items also the task generation. */
  static final class Parent implements WorkItemParent {
    private final Call call;
    private final WorkflowInstance wf;
    private final String taskName;
    private final int generation;

    Parent(Call call, WorkflowInstance wf, String taskName, int generation) {
      this.call = call;
      this.wf = wf;
      this.taskName = taskName;
      this.generation = generation;
    }

    @Override
    public UUID workflowId() {
      return wf.id();
    }

    @Override
    public String workflowName() {
      return wf.def.name();
    }

    @Override
    public UUID rootWorkflowId() {
      return wf.rootId();
    }

    @Override
    // TaskParent types the payload non-null, yet a workflow initialized without one has none:
    // then this is null, as Payloads#payload is (an API question left open, not changed here)
    @SuppressWarnings("NullAway")
    public <T> T workflowPayload(Class<T> type) {
      return workflowPayloadOf(call, wf, type);
    }

    @Override
    public String taskName() {
      return taskName;
    }

    @Override
    public int taskGeneration() {
      return generation;
    }
  }

  static <T> @Nullable T workflowPayloadOf(Call call, WorkflowInstance wf, Class<T> type) {
    T value = call.engine.codec.read(wf.row.payload(), wf.payloadObject, type);
    if (wf.payloadObject == null) {
      wf.payloadObject = value;
    }
    return value;
  }

  /** A task generation: name, path and counters. */
  static final class Task implements TaskInfo {
    private final Call call;
    private final TaskInstance task;
    private final int generation;

    Task(Call call, TaskInstance task, int generation) {
      this.call = call;
      this.task = task;
      this.generation = generation;
    }

    @Override
    public String name() {
      return task.def.name();
    }

    @Override
    public int generation() {
      return generation;
    }

    @Override
    public List<String> path() {
      return task.def.path();
    }

    @Override
    public TaskStats getStats() {
      return task.generation(call, generation).stats();
    }
  }

  /**
   * The work items of a task generation: ids, reads, creation where the hook allows it (with the
   * hook's auto-trigger queue), and the work item whose transition is reported, if any.
   */
  static final class WorkItemsHandle implements WorkItemEvent {
    private final Call call;
    private final TaskInstance task;
    private final int generation;
    private final @Nullable AutoTriggerQueue queue;
    private final Hook hook;
    private final @Nullable WorkItemRow changed;
    private final @Nullable WorkItemState prev;
    private final @Nullable WorkItemState next;

    WorkItemsHandle(
        Call call,
        TaskInstance task,
        int generation,
        @Nullable AutoTriggerQueue queue,
        Hook hook,
        @Nullable WorkItemRow changed,
        @Nullable WorkItemState prev,
        @Nullable WorkItemState next) {
      this.call = call;
      this.task = task;
      this.generation = generation;
      this.queue = queue;
      this.hook = hook;
      this.changed = changed;
      this.prev = prev;
      this.next = next;
    }

    @Override
    public UUID initialize() {
      return initialize(null);
    }

    @Override
    public UUID initialize(@Nullable Object payload) {
      if (queue == null || !hook.mayCreateChildren()) {
        throw new ConstraintViolationException(
            "task "
                + task.describe()
                + " cannot create work items in "
                + hook
                + "; create them in onEnabled, onStarted or onWorkItemStateChanged");
      }
      return call.asGet(
          Origin.INTERNAL,
          () -> call.engine.workItems.initialize(call, task, generation, payload, queue));
    }

    @Override
    public List<UUID> getAllWorkItemIds() {
      return call.workItemIds(task, generation);
    }

    @Override
    public List<String> path() {
      return ((AtomicTaskDefinition) task.def).workItem().path();
    }

    @Override
    public Optional<WorkItemView> get(UUID id) {
      return ChildViews.workItem(call, task, generation, id);
    }

    @Override
    public Stream<WorkItemView> stream(WorkItemState... states) {
      return ChildViews.workItems(call, task, generation, states);
    }

    // The getters of the reported change answer null only on a handle made for a hook that
    // reports none (onEnabled, a router): the API types that handle as WorkItems, without them.
    @Override
    @SuppressWarnings("NullAway") // see above
    public UUID id() {
      return changed == null ? null : changed.id;
    }

    @Override
    @SuppressWarnings("NullAway") // see above
    public WorkItemState prevState() {
      return prev;
    }

    @Override
    @SuppressWarnings("NullAway") // see above
    public WorkItemState nextState() {
      return next;
    }

    @Override
    @SuppressWarnings("NullAway") // see above
    public WorkItemView changed() {
      return changed == null ? null : new ChildViews.WorkItem(call, changed);
    }
  }

  /** Context of every task activity (and of dummy task activities). */
  static final class TaskCtx extends SchedulingScope
      implements TaskEnabledContext, WorkItemStateChangedContext, TaskEndedContext {
    private final TaskInstance task;
    private final int generation;
    private final @Nullable WorkItemsHandle workItems;
    private final Hook hook;

    TaskCtx(Call call, TaskInstance task, @Nullable WorkItemsHandle workItems, Hook hook) {
      super(call, true);
      this.task = task;
      this.generation = task.generation();
      this.workItems = workItems;
      this.hook = hook;
    }

    @Override
    Jobs.Owner jobOwner() {
      return Jobs.ofTaskActivity(hook, task, generation);
    }

    @Override
    String schedulingSite() {
      return hook.toString();
    }

    @Override
    public Parent parent() {
      return new Parent(call, task.workflow, task.def.name(), generation);
    }

    @Override
    public TaskInfo task() {
      return new Task(call, task, generation);
    }

    @Override
    public WorkItemsHandle workItem() {
      if (workItems == null) {
        TaskKinds.atomic(task); // throws: only atomic tasks have work items
      }
      return Objects.requireNonNull(workItems, "an atomic task's context has its work items");
    }
  }

  /** Context of a task policy. */
  static final class PolicyCtx implements TaskPolicyContext {
    private final Call call;
    private final TaskInstance task;
    private final int generation;
    private final @Nullable WorkItemRow changed;
    private final Transition<WorkItemState> transition;

    PolicyCtx(
        Call call,
        TaskInstance task,
        int generation,
        @Nullable WorkItemRow changed,
        Transition<WorkItemState> transition) {
      this.call = call;
      this.task = task;
      this.generation = generation;
      this.changed = changed;
      this.transition = transition;
    }

    @Override
    public Db db() {
      return call.session.db();
    }

    @Override
    public Parent parent() {
      return new Parent(call, task.workflow, task.def.name(), generation);
    }

    @Override
    public TaskInfo task() {
      return new Task(call, task, generation);
    }

    @Override
    public WorkItemChange workItem() {
      return new WorkItemsHandle(
          call,
          task,
          generation,
          null,
          Hook.POLICY,
          changed,
          transition.prevState(),
          transition.nextState());
    }

    @Override
    public Transition<WorkItemState> transition() {
      return transition;
    }

    @Override
    public void afterCommit(Runnable callback) {
      call.afterCommit(callback);
    }
  }

  /** Context of a XOR/OR router. */
  static final class RouterCtx implements RouterContext {
    private final Call call;
    private final TaskInstance task;

    RouterCtx(Call call, TaskInstance task) {
      this.call = call;
      this.task = task;
    }

    @Override
    public Db db() {
      return call.session.db();
    }

    @Override
    public Parent parent() {
      return new Parent(call, task.workflow, task.def.name(), task.generation());
    }

    @Override
    public TaskInfo task() {
      return new Task(call, task, task.generation());
    }

    @Override
    public WorkItemIds workItem() {
      TaskKinds.atomic(task);
      return new WorkItemsHandle(
          call, task, task.generation(), null, Hook.ROUTER, null, null, null);
    }

    @Override
    public ChildWorkflowIds workflow() {
      TaskKinds.composite(task);
      return new CompositeContexts.ChildWorkflowsHandle(
          call, task, task.generation(), false, Hook.ROUTER, null, null, null);
    }

    @Override
    public void afterCommit(Runnable callback) {
      call.afterCommit(callback);
    }
  }

  /** A workflow instance seen from its activities. */
  static final class Workflow implements WorkflowInfo {
    private final Call call;
    private final WorkflowInstance wf;

    Workflow(Call call, WorkflowInstance wf) {
      this.call = call;
      this.wf = wf;
    }

    @Override
    public UUID id() {
      return wf.id();
    }

    @Override
    public String name() {
      return wf.def.name();
    }

    @Override
    public String version() {
      return wf.row.definitionVersion;
    }

    @Override
    public UUID rootWorkflowId() {
      return wf.rootId();
    }

    @Override
    public <T> @Nullable T payload(Class<T> type) {
      return workflowPayloadOf(call, wf, type);
    }
  }

  /** Context of workflow activities. */
  static final class WorkflowCtx extends SchedulingScope implements WorkflowActivityContext {
    private final WorkflowInstance wf;
    private final Hook hook;

    WorkflowCtx(Call call, WorkflowInstance wf, boolean internal, Hook hook) {
      super(call, internal);
      this.wf = wf;
      this.hook = hook;
    }

    @Override
    Jobs.Owner jobOwner() {
      if (!hook.mayRegisterJobs()) {
        throw Jobs.notHere(hook + " of workflow " + wf.describe());
      }
      return Jobs.ofWorkflow(wf);
    }

    @Override
    String schedulingSite() {
      return hook.toString();
    }

    @Override
    public WorkflowInfo workflow() {
      return new Workflow(call, wf);
    }

    @Override
    public Optional<CompositeParent> parent() {
      return compositeParentOf(call, wf);
    }
  }

  /** The composite task owning a child workflow; empty for a root. */
  static Optional<CompositeParent> compositeParentOf(Call call, WorkflowInstance wf) {
    if (wf.row.isRoot()) {
      return Optional.empty();
    }
    String parentName = call.workflow(wf.row.parentId()).def.name();
    return Optional.of(
        new ParentRef(
            wf.row.parentId(), parentName, wf.row.parentTask(), wf.row.parentGeneration()));
  }
}
