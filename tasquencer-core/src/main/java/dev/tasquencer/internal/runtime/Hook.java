package dev.tasquencer.internal.runtime;

import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import java.util.EnumSet;
import java.util.Set;

/**
 * The activities of workflows, tasks and work items, and the other callbacks of user code that get
 * their handles (policies, routers, actions), with what each may do. The engine asks a hook what it
 * may do; it never compares names. A hook prints as its name in the DSL ({@code onStarted}), or as
 * what it is ({@code a policy}), for messages.
 */
enum Hook {
  /** A workflow's or work item's first activity; a work item's may request its start. */
  ON_INITIALIZED("onInitialized", Can.REGISTER_JOBS, EnumSet.of(WorkItemEvent.START)),
  /** A task's first activity of a generation. */
  ON_ENABLED("onEnabled", Can.CREATE_CHILDREN_AND_REGISTER_JOBS, Set.of()),
  /** After the start; a work item's may request complete, fail or cancel. */
  ON_STARTED(
      "onStarted",
      Can.CREATE_CHILDREN_AND_REGISTER_JOBS,
      EnumSet.of(WorkItemEvent.COMPLETE, WorkItemEvent.FAIL, WorkItemEvent.CANCEL)),
  ON_COMPLETED("onCompleted", Can.NOTHING, Set.of()),
  ON_FAILED("onFailed", Can.NOTHING, Set.of()),
  ON_CANCELED("onCanceled", Can.NOTHING, Set.of()),
  ON_DISABLED("onDisabled", Can.NOTHING, Set.of()),
  ON_RESET("onReset", Can.NOTHING, Set.of()),
  /** An atomic task hears of a work item's transition. */
  ON_WORK_ITEM_STATE_CHANGED(
      "onWorkItemStateChanged", Can.CREATE_CHILDREN_AND_REGISTER_JOBS, Set.of()),
  /** A composite task hears of a child workflow's transition. */
  ON_WORKFLOW_STATE_CHANGED(
      "onWorkflowStateChanged", Can.CREATE_CHILDREN_AND_REGISTER_JOBS, Set.of()),
  /** A task's policy: reads only. */
  POLICY("a policy", Can.NOTHING, Set.of()),
  /** A split's router: reads only. */
  ROUTER("a router", Can.NOTHING, Set.of()),
  /** A work item's start, complete, fail, cancel or reset action, as its handles see it. */
  ACTION("an action", Can.NOTHING, Set.of());

  /** What a hook may do besides reading. */
  private enum Can {
    NOTHING,
    REGISTER_JOBS,
    CREATE_CHILDREN_AND_REGISTER_JOBS
  }

  private final String label;
  private final Can can;
  private final Set<WorkItemEvent> requests;

  Hook(String label, Can can, Set<WorkItemEvent> requests) {
    this.label = label;
    this.can = can;
    this.requests = requests;
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
    return requests.contains(event);
  }

  @Override
  public String toString() {
    return label;
  }
}
