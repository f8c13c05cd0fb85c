package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.context.CompositeParent;
import dev.tasquencer.api.context.WorkflowActivityContext;
import dev.tasquencer.api.context.WorkflowCancelActionContext;
import dev.tasquencer.api.context.WorkflowInitializeActionContext;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.ActionSpec;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import dev.tasquencer.internal.lifecycle.WorkflowEvent;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The workflow life cycle: initialize (rows, {@code onInitialized}, then the first enablement
 * pass), the lazy start, and completion, failure and cancellation with the teardown of every task
 * still enabled or started.
 */
final class WorkflowOps {
  private final EngineCore engine;

  WorkflowOps(EngineCore engine) {
    this.engine = engine;
  }

  private static String ref(WorkflowDefinition def) {
    return "workflow '" + def.name() + "' " + def.version();
  }

  /**
   * Runs a workflow activity announcing {@code state}, only while the workflow is still in it: no
   * activity runs for a state the workflow has already left.
   */
  private void hook(
      Call call,
      WorkflowInstance wf,
      WorkflowState state,
      @Nullable Activity<WorkflowActivityContext> a,
      Hook name,
      boolean internal) {
    if (a != null && wf.state() == state) {
      call.run(a, new Contexts.WorkflowCtx(call, wf, internal, name), name, wf);
    }
  }

  // ------------------------------------------------------------------------------ initialize

  UUID initializeRoot(Call call, WorkflowDefinition def, @Nullable Object payload) {
    return initialize(call, def, null, 0, payload, null);
  }

  /** A root with a business key (docs/search.md); the caller checked that it is free. */
  UUID initializeRoot(
      Call call, WorkflowDefinition def, @Nullable Object payload, String businessKey) {
    return initialize(call, def, null, 0, payload, businessKey);
  }

  /**
   * Creates a child workflow of a composite task generation (which must be enabled or started). The
   * composite task's counters count it as initialized.
   */
  UUID initializeChild(
      Call call,
      TaskInstance composite,
      int generation,
      WorkflowDefinition def,
      @Nullable Object payload) {
    if (composite.generation() != generation || !composite.isActive()) {
      throw new ConstraintViolationException(
          "cannot initialize a child workflow '"
              + def.name()
              + "' of task "
              + composite.describe()
              + " at generation "
              + generation
              + ": the task is "
              + composite.state().id()
              + " at generation "
              + composite.generation()
              + "; child workflows can be created only while their task generation is enabled or"
              + " started");
    }
    return initialize(call, def, composite, generation, payload, null);
  }

  private UUID initialize(
      Call call,
      WorkflowDefinition def,
      @Nullable TaskInstance composite,
      int generation,
      @Nullable Object payload,
      @Nullable String businessKey) {
    boolean internal = call.internal();
    ActionSpec<WorkflowInitializeActionContext> spec = def.actions().initializeAction();
    engine.authorizer.admit(call, spec, "initialize", ref(def));
    PayloadCodec.Validated v = engine.codec.validate(spec, payload, ref(def), "initialize", true);
    if (engine.authorizer.checks(call, spec)) {
      engine.authorizer.authorize(
          call,
          spec,
          new Authorizer.Target(
              "initialize",
              ref(def),
              def.name(),
              composite == null ? null : composite.def.name(),
              composite == null ? null : composite.workflow.id(),
              null),
          v.value());
    }
    if (businessKey != null) {
      BusinessKeys.refuseTaken(call, def, businessKey); // after authorization: tells the holder
    }
    WorkflowInstance[] created = new WorkflowInstance[1];
    Runnable create =
        () -> {
          if (created[0] == null) {
            UUID id = Ids.next();
            WorkflowRow row;
            if (composite == null) {
              row =
                  call.session.newWorkflow(
                      id,
                      id,
                      null,
                      null,
                      null,
                      def.name(),
                      def.version(),
                      def.name(),
                      v.json(),
                      call.now);
              if (businessKey != null) {
                row.businessKey(businessKey, def.uniqueBusinessKey());
              }
            } else {
              WorkflowInstance parent = composite.workflow;
              row =
                  call.session.newWorkflow(
                      id,
                      parent.rootId(),
                      parent.id(),
                      composite.def.name(),
                      generation,
                      parent.row.definitionName,
                      parent.row.definitionVersion,
                      def.name(),
                      v.json(),
                      call.now);
            }
            call.transitions()
                .workflowCreated(
                    row,
                    composite == null ? null : composite.generation(call, generation),
                    call.origin());
            WorkflowInstance wf = call.create(def, row);
            wf.payloadObject = v.value();
            created[0] = wf;
          }
        };
    if (spec.isCustom()) {
      var ctx =
          new InitializeActionCtx(
              call,
              internal,
              def.name(),
              composite,
              generation,
              () -> {
                create.run();
                return created[0].id();
              });
      call.runAction(spec.callback(), ctx, v.value(), () -> "initialize action of " + ref(def));
    }
    create.run();
    WorkflowInstance wf = created[0];
    hook(
        call,
        wf,
        WorkflowState.INITIALIZED,
        def.activities().onInitialized(),
        Hook.ON_INITIALIZED,
        internal);
    call.as(Origin.ENGINE, () -> engine.enablement.afterInitialization(call, wf));
    return wf.id();
  }

  /** The composite task that owns a child workflow, or null for a root. */
  @Nullable TaskInstance compositeOf(Call call, WorkflowInstance wf) {
    if (wf.row.isRoot()) {
      return null;
    }
    WorkflowInstance parent = call.workflow(wf.row.parentId());
    return parent.task(parent.def.task(wf.row.parentTask()).orElseThrow());
  }

  /**
   * Tells the owning composite task (if any) that this child workflow changed state; what follows
   * is the engine's doing.
   */
  private void notifyParent(
      Call call, WorkflowInstance wf, WorkflowState prev, TaskOps.Cause cause) {
    @Nullable TaskInstance composite = compositeOf(call, wf);
    if (composite != null) {
      call.as(
          Origin.ENGINE,
          () -> engine.tasks.workflowStateChanged(call, composite, wf, prev, wf.state(), cause));
    }
  }

  /**
   * Applies {@code event} to a workflow: a child workflow moves between the counters of its
   * composite task's generation.
   */
  private void apply(Call call, WorkflowInstance wf, WorkflowEvent event, Origin origin) {
    @Nullable TaskInstance composite = compositeOf(call, wf);
    call.transitions()
        .workflow(
            wf.row,
            event,
            wf,
            composite == null ? null : composite.generation(call, wf.row.parentGeneration()),
            origin,
            call.now);
  }

  // ------------------------------------------------------------------------------ start

  /**
   * Starts the workflow when its first task starts. A child workflow first starts its composite
   * task (ancestors start first), then reports its own start to it.
   */
  void ensureStarted(Call call, WorkflowInstance wf) {
    if (wf.state() == WorkflowState.STARTED) {
      return;
    }
    Lifecycles.WORKFLOW.check(wf, wf.state(), WorkflowEvent.START);
    @Nullable TaskInstance composite = compositeOf(call, wf);
    if (composite != null) {
      engine.tasks.ensureStarted(call, composite);
      if (wf.state() != WorkflowState.INITIALIZED) {
        return; // the composite's start cascade decided this child meanwhile
      }
    }
    apply(call, wf, WorkflowEvent.START, Origin.ENGINE);
    hook(call, wf, WorkflowState.STARTED, wf.def.activities().onStarted(), Hook.ON_STARTED, true);
    notifyParent(call, wf, WorkflowState.INITIALIZED, TaskOps.Cause.TRANSITION);
  }

  // ------------------------------------------------------------------------------ end states

  void complete(Call call, WorkflowInstance wf) {
    Lifecycles.WORKFLOW.check(wf, wf.state(), WorkflowEvent.COMPLETE);
    teardownTasks(call, wf);
    apply(call, wf, WorkflowEvent.COMPLETE, Origin.ENGINE);
    Jobs.cancelOfWorkflow(call, wf);
    hook(
        call,
        wf,
        WorkflowState.COMPLETED,
        wf.def.activities().onCompleted(),
        Hook.ON_COMPLETED,
        true);
    notifyParent(call, wf, WorkflowState.STARTED, TaskOps.Cause.TRANSITION);
  }

  void fail(Call call, WorkflowInstance wf) {
    Lifecycles.WORKFLOW.check(wf, wf.state(), WorkflowEvent.FAIL);
    teardownTasks(call, wf);
    apply(call, wf, WorkflowEvent.FAIL, Origin.ENGINE);
    Jobs.cancelOfWorkflow(call, wf);
    hook(call, wf, WorkflowState.FAILED, wf.def.activities().onFailed(), Hook.ON_FAILED, true);
    notifyParent(call, wf, WorkflowState.STARTED, TaskOps.Cause.TRANSITION);
  }

  /**
   * Teardown of a child workflow whose composite task ended or was withdrawn: no action, no policy;
   * its tasks are torn down and its onCanceled runs.
   */
  void cancelForTeardown(Call call, WorkflowInstance wf) {
    if (wf.isFinal()) {
      return;
    }
    WorkflowState prev = wf.state();
    apply(call, wf, WorkflowEvent.CANCEL, Origin.ENGINE);
    teardownTasks(call, wf);
    Jobs.cancelOfWorkflow(call, wf);
    hook(
        call, wf, WorkflowState.CANCELED, wf.def.activities().onCanceled(), Hook.ON_CANCELED, true);
    notifyParent(call, wf, prev, TaskOps.Cause.TEARDOWN);
  }

  /** An explicit cancellation through the API: the cancel action runs, then the teardown. */
  void cancel(Call call, WorkflowInstance wf, @Nullable Object payload) {
    boolean internal = call.internal();
    ActionSpec<WorkflowCancelActionContext> spec = wf.def.actions().cancelAction();
    String ref = "workflow " + wf.describe();
    engine.authorizer.admit(call, spec, "cancel", ref);
    PayloadCodec.Validated v = engine.codec.validate(spec, payload, ref, "cancel", false);
    if (engine.authorizer.checks(call, spec)) {
      engine.authorizer.authorize(
          call,
          spec,
          new Authorizer.Target("cancel", ref, wf.def.name(), null, wf.id(), null),
          v.value());
    }
    // after the policy: a caller it refuses learns nothing of the workflow's state
    Lifecycles.WORKFLOW.check(wf, wf.state(), WorkflowEvent.CANCEL);
    WorkflowState prev = wf.state();
    call.history.workflowAction(wf, "cancel", v.value());
    Runnable apply =
        () -> {
          if (!wf.isFinal()) {
            apply(call, wf, WorkflowEvent.CANCEL, call.origin());
          }
        };
    if (spec.isCustom()) {
      call.runAction(
          spec.callback(),
          new CancelActionCtx(call, wf, internal, apply),
          v.value(),
          () -> "cancel action of " + ref);
    }
    apply.run();
    call.as(Origin.ENGINE, () -> teardownTasks(call, wf));
    Jobs.cancelOfWorkflow(call, wf);
    hook(
        call,
        wf,
        WorkflowState.CANCELED,
        wf.def.activities().onCanceled(),
        Hook.ON_CANCELED,
        internal);
    notifyParent(call, wf, prev, TaskOps.Cause.TRANSITION);
  }

  /** Enabled tasks are withdrawn, started tasks canceled, in declaration order; no policies. */
  private void teardownTasks(Call call, WorkflowInstance wf) {
    for (TaskInstance t : wf.tasks) {
      if (t.state() == TaskState.ENABLED) {
        engine.tasks.disable(call, t);
      } else if (t.state() == TaskState.STARTED) {
        engine.tasks.cancel(call, t);
      }
    }
  }

  // ------------------------------------------------------------------------------ contexts

  private static final class InitializeActionCtx extends SchedulingScope
      implements WorkflowInitializeActionContext {
    private final String name;
    private final @Nullable TaskInstance composite;
    private final int generation;
    private final java.util.function.Supplier<UUID> create;

    InitializeActionCtx(
        Call call,
        boolean internal,
        String name,
        @Nullable TaskInstance composite,
        int generation,
        java.util.function.Supplier<UUID> create) {
      super(call, internal);
      this.name = name;
      this.composite = composite;
      this.generation = generation;
      this.create = create;
    }

    @Override
    public Handle workflow() {
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
      return Jobs.ofWorkflow(call.workflow(create.get()));
    }

    @Override
    String schedulingSite() {
      return "initialize action";
    }

    @Override
    public Optional<CompositeParent> parent() {
      if (composite == null) {
        return Optional.empty();
      }
      WorkflowInstance parent = composite.workflow;
      return Optional.of(
          new ParentRef(parent.id(), parent.def.name(), composite.def.name(), generation));
    }
  }

  private static final class CancelActionCtx extends CallScope
      implements WorkflowCancelActionContext {
    private final WorkflowInstance wf;
    private final Runnable apply;

    CancelActionCtx(Call call, WorkflowInstance wf, boolean internal, Runnable apply) {
      super(call, internal);
      this.wf = wf;
      this.apply = apply;
    }

    @Override
    public Handle workflow() {
      return new Handle() {
        @Override
        public UUID id() {
          return wf.id();
        }

        @Override
        public String name() {
          return wf.def.name();
        }

        @Override
        public void cancel() {
          apply.run();
        }

        @Override
        public <T> @Nullable T payload(Class<T> type) {
          return Contexts.workflowPayloadOf(call, wf, type);
        }
      };
    }

    @Override
    public Optional<CompositeParent> parent() {
      return Contexts.compositeParentOf(call, wf);
    }
  }
}
