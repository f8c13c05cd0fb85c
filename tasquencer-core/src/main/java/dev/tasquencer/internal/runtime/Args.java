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
      Map.ofEntries(
          Map.entry("workflow", "the name of a registered workflow definition"),
          Map.entry("workflowId", "the id of a workflow instance"),
          Map.entry(
              "parentWorkflowId", "the id of the workflow instance that holds the composite task"),
          Map.entry("compositeTask", "the name of a composite task of that workflow"),
          Map.entry("task", "the name of a task of the workflow"),
          Map.entry("workItemId", "the id of a work item"),
          Map.entry("ownerId", "the id of a workflow instance or work item"),
          Map.entry("jobId", "the id of a job"),
          Map.entry("state", "the state to list"),
          Map.entry("finishedBefore", "the instant before which finished workflows are deleted"),
          Map.entry("rootId", "the id of a root workflow instance"),
          Map.entry("filter", "a HistoryFilter, such as HistoryFilter.ALL"),
          Map.entry("page", "a HistoryPage, such as HistoryPage.first(100)"),
          Map.entry("since", "an instant"),
          Map.entry("at", "an instant"),
          Map.entry("businessKey", "a business key: 1 to 200 characters"));

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
