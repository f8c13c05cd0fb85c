package dev.tasquencer.api.queue;

import java.util.List;

/**
 * How many work items an actor may claim and has claimed, in total and per workflow and task.
 *
 * @param available offered, unclaimed items the actor may claim
 * @param claimed items the actor has claimed that are not done
 * @param byTask the same per workflow definition, version and task, in that order; tasks with
 *     neither are left out
 */
public record QueueCounts(long available, long claimed, List<TaskCount> byTask) {

  public QueueCounts {
    byTask = List.copyOf(byTask);
  }

  /**
   * The counts of one task.
   *
   * @param workflow the workflow definition's name
   * @param version its version
   * @param task the task
   * @param available offered, unclaimed items the actor may claim
   * @param claimed items the actor has claimed that are not done
   */
  public record TaskCount(
      String workflow, String version, String task, long available, long claimed) {}
}
