package dev.tasquencer.api.context;

import java.util.Optional;
import java.util.UUID;

/** Context of a workflow's initialize action. */
public interface WorkflowInitializeActionContext extends ActionContext, JobScheduling {

  /** The workflow being created. */
  Handle workflow();

  Optional<CompositeParent> parent();

  /** The workflow being created by this action. */
  interface Handle {
    String name();

    /**
     * Creates the workflow's rows (once; later calls return the same id). The engine calls it after
     * the action if the action did not.
     */
    UUID initialize();
  }
}
