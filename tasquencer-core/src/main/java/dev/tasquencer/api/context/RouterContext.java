package dev.tasquencer.api.context;

import dev.tasquencer.api.Db;
import dev.tasquencer.api.Route;

/** What a XOR or OR router sees when its task completes. */
public interface RouterContext {
  Db db();

  TaskParent parent();

  TaskInfo task();

  WorkItemIds workItem();

  /** A route to the implicit condition between this task and {@code task}. */
  default Route toTask(String task) {
    return Route.toTask(task);
  }

  /** A route to an explicit condition. */
  default Route toCondition(String condition) {
    return Route.toCondition(condition);
  }
}
