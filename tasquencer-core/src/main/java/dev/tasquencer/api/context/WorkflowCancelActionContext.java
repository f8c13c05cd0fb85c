package dev.tasquencer.api.context;

import java.util.Optional;
import java.util.UUID;

/** Context of a workflow's cancel action. */
public interface WorkflowCancelActionContext extends ActionContext {

  Handle workflow();

  Optional<CompositeParent> parent();

  /** The workflow being canceled by this action. */
  interface Handle extends Payloads {
    UUID id();

    String name();

    /**
     * Marks the workflow canceled (once). Its tasks are torn down after the action returns. The
     * engine calls it after the action if the action did not.
     */
    void cancel();
  }
}
