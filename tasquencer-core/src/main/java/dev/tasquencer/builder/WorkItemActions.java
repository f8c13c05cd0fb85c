package dev.tasquencer.builder;

import dev.tasquencer.api.Action;
import dev.tasquencer.api.context.WorkItemActionContext;
import dev.tasquencer.api.context.WorkItemInitializeActionContext;

/**
 * The six actions of a work item definition. Every action not set here keeps its default, which
 * only internal calls may use. Immutable: every method returns a new instance.
 */
public final class WorkItemActions {
  final ActionSpec<WorkItemInitializeActionContext> initialize;
  final ActionSpec<WorkItemActionContext<WorkItemActionContext.Start>> start;
  final ActionSpec<WorkItemActionContext<WorkItemActionContext.Complete>> complete;
  final ActionSpec<WorkItemActionContext<WorkItemActionContext.Fail>> fail;
  final ActionSpec<WorkItemActionContext<WorkItemActionContext.Cancel>> cancel;
  final ActionSpec<WorkItemActionContext<WorkItemActionContext.Reset>> reset;

  static final WorkItemActions DEFAULTS =
      new WorkItemActions(
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction(),
          ActionSpec.defaultAction());

  private WorkItemActions(
      ActionSpec<WorkItemInitializeActionContext> initialize,
      ActionSpec<WorkItemActionContext<WorkItemActionContext.Start>> start,
      ActionSpec<WorkItemActionContext<WorkItemActionContext.Complete>> complete,
      ActionSpec<WorkItemActionContext<WorkItemActionContext.Fail>> fail,
      ActionSpec<WorkItemActionContext<WorkItemActionContext.Cancel>> cancel,
      ActionSpec<WorkItemActionContext<WorkItemActionContext.Reset>> reset) {
    this.initialize = initialize;
    this.start = start;
    this.complete = complete;
    this.fail = fail;
    this.cancel = cancel;
    this.reset = reset;
  }

  /** The initialize action; its payload is validated and stored with the work item. */
  public <P> WorkItemActions initialize(
      Class<P> payloadType, Action<WorkItemInitializeActionContext, ? super P> action) {
    return new WorkItemActions(
        ActionSpec.custom(payloadType, action), start, complete, fail, cancel, reset);
  }

  public <P> WorkItemActions start(
      Class<P> payloadType,
      Action<WorkItemActionContext<WorkItemActionContext.Start>, ? super P> action) {
    return new WorkItemActions(
        initialize, ActionSpec.custom(payloadType, action), complete, fail, cancel, reset);
  }

  public <P> WorkItemActions complete(
      Class<P> payloadType,
      Action<WorkItemActionContext<WorkItemActionContext.Complete>, ? super P> action) {
    return new WorkItemActions(
        initialize, start, ActionSpec.custom(payloadType, action), fail, cancel, reset);
  }

  public <P> WorkItemActions fail(
      Class<P> payloadType,
      Action<WorkItemActionContext<WorkItemActionContext.Fail>, ? super P> action) {
    return new WorkItemActions(
        initialize, start, complete, ActionSpec.custom(payloadType, action), cancel, reset);
  }

  public <P> WorkItemActions cancel(
      Class<P> payloadType,
      Action<WorkItemActionContext<WorkItemActionContext.Cancel>, ? super P> action) {
    return new WorkItemActions(
        initialize, start, complete, fail, ActionSpec.custom(payloadType, action), reset);
  }

  public <P> WorkItemActions reset(
      Class<P> payloadType,
      Action<WorkItemActionContext<WorkItemActionContext.Reset>, ? super P> action) {
    return new WorkItemActions(
        initialize, start, complete, fail, cancel, ActionSpec.custom(payloadType, action));
  }

  public ActionSpec<WorkItemInitializeActionContext> initializeAction() {
    return initialize;
  }

  public ActionSpec<WorkItemActionContext<WorkItemActionContext.Start>> startAction() {
    return start;
  }

  public ActionSpec<WorkItemActionContext<WorkItemActionContext.Complete>> completeAction() {
    return complete;
  }

  public ActionSpec<WorkItemActionContext<WorkItemActionContext.Fail>> failAction() {
    return fail;
  }

  public ActionSpec<WorkItemActionContext<WorkItemActionContext.Cancel>> cancelAction() {
    return cancel;
  }

  public ActionSpec<WorkItemActionContext<WorkItemActionContext.Reset>> resetAction() {
    return reset;
  }
}
