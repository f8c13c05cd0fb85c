package dev.tasquencer.api.context;

import java.util.UUID;

/** Context of a work item's initialize action. */
public interface WorkItemInitializeActionContext extends ActionContext, JobScheduling {
  WorkItemParent parent();

  Handle workItem();

  /** The work item being created by this action. */
  interface Handle {
    String name();

    /** Creates the row (once) and returns the id; called by the engine if the action did not. */
    UUID initialize();
  }
}
