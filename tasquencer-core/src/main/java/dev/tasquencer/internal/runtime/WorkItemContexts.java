package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.context.FinishRequest;
import dev.tasquencer.api.context.StartRequest;
import dev.tasquencer.api.context.WorkItemActionContext;
import dev.tasquencer.api.context.WorkItemInitializeActionContext;
import dev.tasquencer.api.context.WorkItemInitializedContext;
import dev.tasquencer.api.context.WorkItemParent;
import dev.tasquencer.api.context.WorkItemStartedContext;
import dev.tasquencer.api.error.AutoTriggerAlreadySetException;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.AtomicTaskDefinition;
import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import dev.tasquencer.internal.store.WorkItemRow;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The context objects handed to work item activities and actions. */
final class WorkItemContexts {
  private WorkItemContexts() {}

  /** A transition a work item activity asked for, run after the current transition. */
  record Request(WorkItemEvent event, @Nullable Object payload) {}

  /** The work item itself, as its activities see it. */
  static final class Self extends ChildViews.WorkItem implements StartRequest, FinishRequest {
    private final TaskInstance task;
    private final Hook hook;
    private @Nullable Request request;

    Self(Call call, TaskInstance task, WorkItemRow wi, Hook hook) {
      super(call, wi);
      this.task = task;
      this.hook = hook;
    }

    @Nullable Request request() {
      return request;
    }

    private void request(WorkItemEvent event, @Nullable Object payload) {
      String transition = event.id();
      if (!hook.mayRequest(event)) {
        throw new ConstraintViolationException(
            "work item "
                + wi.name
                + " "
                + wi.id
                + " cannot request "
                + transition
                + " in "
                + hook
                + "; start may be requested in onInitialized, complete/fail/cancel in onStarted");
      }
      if (request != null) {
        throw new AutoTriggerAlreadySetException(
            wi.name + " " + wi.id, request.event().id(), transition);
      }
      request = new Request(event, payload);
    }

    @Override
    public List<String> path() {
      return ((AtomicTaskDefinition) task.def).workItem().path();
    }

    @Override
    public void start() {
      request(WorkItemEvent.START, null);
    }

    @Override
    public void start(@Nullable Object payload) {
      request(WorkItemEvent.START, payload);
    }

    @Override
    public void complete() {
      request(WorkItemEvent.COMPLETE, null);
    }

    @Override
    public void complete(@Nullable Object payload) {
      request(WorkItemEvent.COMPLETE, payload);
    }

    @Override
    public void fail() {
      request(WorkItemEvent.FAIL, null);
    }

    @Override
    public void fail(@Nullable Object payload) {
      request(WorkItemEvent.FAIL, payload);
    }

    @Override
    public void cancel() {
      request(WorkItemEvent.CANCEL, null);
    }

    @Override
    public void cancel(@Nullable Object payload) {
      request(WorkItemEvent.CANCEL, payload);
    }
  }

  /** Context of every work item activity. */
  static final class ActivityCtx extends SchedulingScope
      implements WorkItemInitializedContext, WorkItemStartedContext {
    private final TaskInstance task;
    private final WorkItemRow wi;
    private final @Nullable Object transitionPayload;
    private final Self self;
    private final Hook hook;

    ActivityCtx(
        Call call,
        TaskInstance task,
        WorkItemRow wi,
        boolean internal,
        @Nullable Object transitionPayload,
        Hook hook) {
      super(call, internal);
      this.task = task;
      this.wi = wi;
      this.transitionPayload = transitionPayload;
      this.self = new Self(call, task, wi, hook);
      this.hook = hook;
    }

    @Override
    Jobs.Owner jobOwner() {
      if (!hook.mayRegisterJobs()) {
        throw Jobs.notHere(hook + " of work item " + wi.name + " " + wi.id);
      }
      return Jobs.ofWorkItem(task, wi);
    }

    @Override
    String schedulingSite() {
      return hook.toString();
    }

    @Nullable Request request() {
      return self.request();
    }

    @Override
    public WorkItemParent parent() {
      return new Contexts.Parent(call, task.workflow, task.def.name(), wi.taskGeneration);
    }

    @Override
    public Self workItem() {
      return self;
    }

    @Override
    public <T> @Nullable T transitionPayload(Class<T> type) {
      if (transitionPayload == null) {
        return null;
      }
      if (type.isInstance(transitionPayload)) {
        return type.cast(transitionPayload);
      }
      return call.engine.codec.mapper().convertValue(transitionPayload, type);
    }
  }

  /** Context of a work item's initialize action. */
  static final class InitializeActionCtx extends SchedulingScope
      implements WorkItemInitializeActionContext {
    private final TaskInstance task;
    private final int generation;
    private final String name;
    private final Supplier<UUID> create;

    InitializeActionCtx(
        Call call,
        TaskInstance task,
        int generation,
        boolean internal,
        String name,
        Supplier<UUID> create) {
      super(call, internal);
      this.task = task;
      this.generation = generation;
      this.name = name;
      this.create = create;
    }

    @Override
    public WorkItemParent parent() {
      return new Contexts.Parent(call, task.workflow, task.def.name(), generation);
    }

    @Override
    public Handle workItem() {
      return new Handle() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public UUID initialize() {
          return create.get();
        }
      };
    }

    @Override
    Jobs.Owner jobOwner() {
      return Jobs.ofWorkItem(task, call.session.workItem(create.get()).orElseThrow());
    }

    @Override
    String schedulingSite() {
      return "initialize action";
    }
  }

  /** The transition function given to start, complete, fail, cancel and reset actions. */
  static final class TransitionHandle
      implements WorkItemActionContext.Start,
          WorkItemActionContext.Complete,
          WorkItemActionContext.Fail,
          WorkItemActionContext.Cancel,
          WorkItemActionContext.Reset {
    private final Self self;
    private final Runnable apply;

    TransitionHandle(Self self, Runnable apply) {
      this.self = self;
      this.apply = apply;
    }

    @Override
    public UUID id() {
      return self.id();
    }

    @Override
    public String name() {
      return self.name();
    }

    @Override
    public List<String> path() {
      return self.path();
    }

    @Override
    public <T> @Nullable T payload(Class<T> type) {
      return self.payload(type);
    }

    @Override
    public void start() {
      apply.run();
    }

    @Override
    public void complete() {
      apply.run();
    }

    @Override
    public void fail() {
      apply.run();
    }

    @Override
    public void cancel() {
      apply.run();
    }

    @Override
    public void reset() {
      apply.run();
    }
  }

  /** Context of a work item's start, complete, fail, cancel or reset action. */
  @SuppressWarnings("rawtypes")
  static final class TransitionActionCtx extends SchedulingScope implements WorkItemActionContext {
    private final TaskInstance task;
    private final WorkItemRow wi;
    private final TransitionHandle handle;

    private final WorkItemEvent event;

    TransitionActionCtx(
        Call call,
        TaskInstance task,
        WorkItemRow wi,
        boolean internal,
        Runnable apply,
        WorkItemEvent event) {
      super(call, internal);
      this.task = task;
      this.wi = wi;
      this.event = event;
      this.handle = new TransitionHandle(new Self(call, task, wi, Hook.ACTION), apply);
    }

    @Override
    String schedulingSite() {
      return "start action";
    }

    @Override
    Jobs.Owner jobOwner() {
      if (event != WorkItemEvent.START) {
        throw Jobs.notHere("the " + event.id() + " action of work item " + wi.name + " " + wi.id);
      }
      return Jobs.ofWorkItem(task, wi);
    }

    @Override
    public WorkItemParent parent() {
      return new Contexts.Parent(call, task.workflow, task.def.name(), wi.taskGeneration);
    }

    @Override
    public TransitionHandle workItem() {
      return handle;
    }
  }
}
