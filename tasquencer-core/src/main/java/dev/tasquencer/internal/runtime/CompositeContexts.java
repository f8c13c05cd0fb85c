package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.Transition;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.context.ChildWorkflowChange;
import dev.tasquencer.api.context.ChildWorkflowEvent;
import dev.tasquencer.api.context.ChildWorkflowView;
import dev.tasquencer.api.context.CompositeTaskEnabledContext;
import dev.tasquencer.api.context.CompositeTaskEndedContext;
import dev.tasquencer.api.context.CompositeTaskPolicyContext;
import dev.tasquencer.api.context.TaskInfo;
import dev.tasquencer.api.context.WorkflowStateChangedContext;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.CompositeTaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The context objects handed to composite task activities and policies. */
final class CompositeContexts {
  private CompositeContexts() {}

  /**
   * The child workflows of a composite task generation: ids, reads, creation where the hook allows
   * it, and the child whose transition is reported, if any.
   */
  static final class ChildWorkflowsHandle implements ChildWorkflowEvent {
    private final Call call;
    private final TaskInstance task;
    private final int generation;
    private final boolean canInitialize;
    private final Hook hook;
    private final @Nullable WorkflowInstance changed;
    private final @Nullable WorkflowState prev;
    private final @Nullable WorkflowState next;

    ChildWorkflowsHandle(
        Call call,
        TaskInstance task,
        int generation,
        boolean canInitialize,
        Hook hook,
        @Nullable WorkflowInstance changed,
        @Nullable WorkflowState prev,
        @Nullable WorkflowState next) {
      this.call = call;
      this.task = task;
      this.generation = generation;
      this.canInitialize = canInitialize && hook.mayCreateChildren();
      this.hook = hook;
      this.changed = changed;
      this.prev = prev;
      this.next = next;
    }

    private CompositeTaskDefinition def() {
      return (CompositeTaskDefinition) task.def;
    }

    @Override
    public UUID initialize() {
      return initialize(null);
    }

    @Override
    public UUID initialize(@Nullable Object payload) {
      return initialize(null, payload);
    }

    @Override
    public UUID initialize(@Nullable String workflowName, @Nullable Object payload) {
      if (!canInitialize) {
        throw new ConstraintViolationException(
            "task "
                + task.describe()
                + " cannot create child workflows in "
                + hook
                + "; create them in onEnabled, onStarted or onWorkflowStateChanged");
      }
      WorkflowDefinition child = TaskKinds.childType(task, workflowName);
      return call.asGet(
          Origin.INTERNAL,
          () -> call.engine.workflows.initializeChild(call, task, generation, child, payload));
    }

    @Override
    public List<UUID> getAllWorkflowIds() {
      return call.session.childWorkflowIds(task.workflow.id(), task.def.name(), generation, null);
    }

    @Override
    public List<UUID> getAllWorkflowIds(String workflowName) {
      if (workflowName != null) {
        TaskKinds.childType(task, workflowName); // an unknown type is not found
      }
      return call.session.childWorkflowIds(
          task.workflow.id(), task.def.name(), generation, workflowName);
    }

    @Override
    public List<String> names() {
      return def().childNames();
    }

    @Override
    public Optional<ChildWorkflowView> get(UUID id) {
      return ChildViews.childWorkflow(call, task, generation, id);
    }

    @Override
    public Stream<ChildWorkflowView> stream(WorkflowState... states) {
      return ChildViews.childWorkflows(call, task, generation, states);
    }

    // The getters of the reported change answer null only on a handle made for a hook that
    // reports none (onEnabled, a router): the API types that handle as ChildWorkflows, without
    // them.
    @Override
    @SuppressWarnings("NullAway") // see above
    public UUID id() {
      return changed == null ? null : changed.id();
    }

    @Override
    @SuppressWarnings("NullAway") // see above
    public String name() {
      return changed == null ? null : changed.def.name();
    }

    @Override
    @SuppressWarnings("NullAway") // see above
    public ChildWorkflowView changed() {
      return changed == null ? null : new ChildViews.ChildWorkflow(call, changed.row);
    }

    @Override
    @SuppressWarnings("NullAway") // see above
    public WorkflowState prevState() {
      return prev;
    }

    @Override
    @SuppressWarnings("NullAway") // see above
    public WorkflowState nextState() {
      return next;
    }
  }

  /** Context of every composite task activity. */
  static final class CompositeCtx extends SchedulingScope
      implements CompositeTaskEnabledContext,
          WorkflowStateChangedContext,
          CompositeTaskEndedContext {
    private final TaskInstance task;
    private final int generation;
    private final ChildWorkflowsHandle children;
    private final Hook hook;

    CompositeCtx(Call call, TaskInstance task, ChildWorkflowsHandle children, Hook hook) {
      super(call, true);
      this.task = task;
      this.generation = task.generation();
      this.children = children;
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
    public Contexts.Parent parent() {
      return new Contexts.Parent(call, task.workflow, task.def.name(), generation);
    }

    @Override
    public TaskInfo task() {
      return new Contexts.Task(call, task, generation);
    }

    @Override
    public ChildWorkflowsHandle workflow() {
      return children;
    }
  }

  /** Context of a composite task policy. */
  static final class PolicyCtx implements CompositeTaskPolicyContext {
    private final Call call;
    private final TaskInstance task;
    private final int generation;
    private final @Nullable WorkflowInstance changed;
    private final Transition<WorkflowState> transition;

    PolicyCtx(
        Call call,
        TaskInstance task,
        int generation,
        @Nullable WorkflowInstance changed,
        Transition<WorkflowState> transition) {
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
    public Contexts.Parent parent() {
      return new Contexts.Parent(call, task.workflow, task.def.name(), generation);
    }

    @Override
    public TaskInfo task() {
      return new Contexts.Task(call, task, generation);
    }

    @Override
    public ChildWorkflowChange workflow() {
      return new ChildWorkflowsHandle(
          call,
          task,
          generation,
          false,
          Hook.POLICY,
          changed,
          transition.prevState(),
          transition.nextState());
    }

    @Override
    public Transition<WorkflowState> transition() {
      return transition;
    }

    @Override
    public void afterCommit(Runnable callback) {
      call.afterCommit(callback);
    }
  }
}
