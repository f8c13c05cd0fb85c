package dev.tasquencer.api.context;

/**
 * Context of a work item's start, complete, fail, cancel and reset actions. {@code workItem()}
 * gives the transition function of that action.
 */
public interface WorkItemActionContext<H extends WorkItemInfo>
    extends ActionContext, JobScheduling {
  WorkItemParent parent();

  H workItem();

  /** Transition function of the start action. */
  interface Start extends WorkItemInfo {
    /** Applies the transition (once); the engine applies it after the action if it did not. */
    void start();
  }

  /** Transition function of the complete action. */
  interface Complete extends WorkItemInfo {
    void complete();
  }

  /** Transition function of the fail action. */
  interface Fail extends WorkItemInfo {
    void fail();
  }

  /** Transition function of the cancel action. */
  interface Cancel extends WorkItemInfo {
    void cancel();
  }

  /** Transition function of the reset action. */
  interface Reset extends WorkItemInfo {
    void reset();
  }
}
