package dev.tasquencer.api.context;

import dev.tasquencer.api.TaskStats;
import java.util.List;

/** A task generation as seen from its activities, policy and router. */
public interface TaskInfo {
  String name();

  /** The generation: 1 for the first enablement, +1 for every later one. */
  int generation();

  /** The static path of the task: workflow names and task names from the root. */
  List<String> path();

  /** The generation's counters of children by state (O(1)). */
  TaskStats getStats();
}
