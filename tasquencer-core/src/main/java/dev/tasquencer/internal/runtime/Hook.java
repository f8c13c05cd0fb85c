package dev.tasquencer.internal.runtime;

import dev.tasquencer.internal.lifecycle.WorkItemEvent;

/**
 * The activities of workflows, tasks and work items, and the other callbacks of user code that get
 * their handles (policies, routers, actions), with what each may do. The engine asks a hook what it
 * may do; it never compares names. A hook prints as its name in the DSL ({@code onStarted}), or as
 * what it is ({@code a policy}), for messages.
 */
enum Hook {
  /** A workflow's or work item's first activity; a work item's may request its start. */
  ON_INITIALIZED("onInitialized", Can.REGISTER_JOBS),
  /** A task's first activity of a generation. */
  ON_ENABLED("onEnabled", Can.CREATE_CHILDREN_AND_REGISTER_JOBS),
  /** After the start; a work item's may request complete, fail or cancel. */
  ON_STARTED("onStarted", Can.CREATE_CHILDREN_AND_REGISTER_JOBS),
  ON_COMPLETED("onCompleted", Can.NOTHING),
  ON_FAILED("onFailed", Can.NOTHING),
  ON_CANCELED("onCanceled", Can.NOTHING),
  ON_DISABLED("onDisabled", Can.NOTHING),
  ON_RESET("onReset", Can.NOTHING),
  /**
   * A message arrived for a started work item whose wait declares it (docs/messages.md); may
   * request complete, fail or cancel.
   */
  ON_MESSAGE("onMessage", Can.REGISTER_JOBS),
  /** A workflow hears of an incident opened on it or one of its elements. */
  ON_INCIDENT("onIncident", Can.REGISTER_JOBS),
  /** An atomic task hears of a work item's transition. */
  ON_WORK_ITEM_STATE_CHANGED("onWorkItemStateChanged", Can.CREATE_CHILDREN_AND_REGISTER_JOBS),
  /** A composite task hears of a child workflow's transition. */
  ON_WORKFLOW_STATE_CHANGED("onWorkflowStateChanged", Can.CREATE_CHILDREN_AND_REGISTER_JOBS),
  /** A task's policy: reads only. */
  POLICY("a policy", Can.NOTHING),
  /** A split's router: reads only. */
  ROUTER("a router", Can.NOTHING),
  /** A work item's start, complete, fail, cancel or reset action, as its handles see it. */
  ACTION("an action", Can.NOTHING);

  /** What a hook may do besides reading. */
  private enum Can {
    NOTHING,
    REGISTER_JOBS,
    CREATE_CHILDREN_AND_REGISTER_JOBS
  }

  private final String label;
  private final Can can;

  Hook(String label, Can can) {
    this.label = label;
    this.can = can;
  }

  /**
   * Whether the hook may create children of its task generation (work items, child workflows),
   * unless it reports a teardown.
   */
  boolean mayCreateChildren() {
    return can == Can.CREATE_CHILDREN_AND_REGISTER_JOBS;
  }

  /** Whether jobs registered here are owned by the hook's element (an ending one owns none). */
  boolean mayRegisterJobs() {
    return can != Can.NOTHING;
  }

  /** Whether a work item's hook may request {@code event} of its work item, to run after it. */
  boolean mayRequest(WorkItemEvent event) {
    return switch (this) {
      case ON_INITIALIZED -> event == WorkItemEvent.START;
      case ON_STARTED, ON_MESSAGE ->
          event == WorkItemEvent.COMPLETE
              || event == WorkItemEvent.FAIL
              || event == WorkItemEvent.CANCEL;
      default -> false;
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
