package dev.tasquencer.api;

/**
 * Counters of the children (work items, or child workflows) of one task generation, by current
 * state. {@code total} counts every child ever created in the generation. The engine keeps them as
 * counters, so reading them costs O(1) whatever the number of children.
 */
public record TaskStats(
    long total, long initialized, long started, long completed, long failed, long canceled) {

  public static final TaskStats EMPTY = new TaskStats(0, 0, 0, 0, 0, 0);

  /** Children in a final state (completed, failed or canceled). */
  public long finished() {
    return completed + failed + canceled;
  }

  /** Whether every child created so far is final (true when there are none). */
  public boolean allFinal() {
    return finished() == total;
  }

  /** Children that are not final yet. */
  public long live() {
    return initialized + started;
  }
}
