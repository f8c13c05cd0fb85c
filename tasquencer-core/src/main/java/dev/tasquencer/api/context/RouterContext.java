package dev.tasquencer.api.context;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.Route;

/** What a XOR or OR router sees when its task completes. */
public interface RouterContext extends AfterCommit {
  Db db();

  TaskParent parent();

  TaskInfo task();

  /** The work items of the task (atomic tasks only). */
  WorkItemIds workItem();

  /** The child workflows of the task (composite and dynamic composite tasks only). */
  ChildWorkflowIds workflow();

  /** A route to the implicit condition between this task and {@code task}. */
  default Route toTask(String task) {
    return Route.toTask(task);
  }

  /** A route to an explicit condition. */
  default Route toCondition(String condition) {
    return Route.toCondition(condition);
  }
}
