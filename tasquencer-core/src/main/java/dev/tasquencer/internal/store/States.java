package dev.tasquencer.internal.store;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import java.util.Locale;

/** Parses the lower-case state names stored in the tables. */
final class States {
  private States() {}

  public static WorkflowState workflow(String s) {
    return WorkflowState.valueOf(s.toUpperCase(Locale.ROOT));
  }

  public static TaskState task(String s) {
    return TaskState.valueOf(s.toUpperCase(Locale.ROOT));
  }

  public static WorkItemState workItem(String s) {
    return WorkItemState.valueOf(s.toUpperCase(Locale.ROOT));
  }
}
