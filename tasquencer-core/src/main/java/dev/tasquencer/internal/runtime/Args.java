package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.error.InvalidArgumentException;
import java.util.Map;

/**
 * Checks of the arguments of commands and queries that hold whatever the database contains. A
 * failed check raises {@link InvalidArgumentException} naming the call and the argument, before the
 * call reads or writes anything.
 */
final class Args {
  private Args() {}

  /** What to pass for each argument the engine's calls take. */
  private static final Map<String, String> WHAT =
      Map.of(
          "workflow", "the name of a registered workflow definition",
          "workflowId", "the id of a workflow instance",
          "parentWorkflowId", "the id of the workflow instance that holds the composite task",
          "compositeTask", "the name of a composite task of that workflow",
          "task", "the name of a task of the workflow",
          "workItemId", "the id of a work item",
          "ownerId", "the id of a workflow instance or work item",
          "jobId", "the id of a job",
          "state", "the state to list",
          "finishedBefore", "the instant before which finished workflows are deleted");

  static <T> T notNull(String call, String argument, T value) {
    if (value == null) {
      throw new InvalidArgumentException(
          call
              + ": "
              + argument
              + " must not be null; pass "
              + WHAT.getOrDefault(argument, "a value"));
    }
    return value;
  }

  /** Generations count from 1 (a task's first enablement). */
  static int generation(String call, int generation) {
    if (generation < 1) {
      throw new InvalidArgumentException(
          call
              + ": generation must be at least 1 (a task's first enablement is generation 1), was "
              + generation);
    }
    return generation;
  }

  static int limit(String call, int limit) {
    if (limit < 0) {
      throw new InvalidArgumentException(
          call + ": limit must not be negative, was " + limit + "; pass the most rows you want");
    }
    return limit;
  }
}
