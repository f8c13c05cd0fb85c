package dev.tasquencer.api.error;

import dev.tasquencer.api.Actor;

/**
 * A claim, delegation or completion refused by a task's separation of duties: the actor completed a
 * work item of a task this one is separated from, in the same case ({@code
 * Builder.task(...).separatedFrom(...)}). Nothing changed (the refusal is recorded as a failed
 * attempt, like every refused call).
 */
public class SeparationOfDutiesException extends NotAuthorizedException {
  private static final long serialVersionUID = 1L;

  private final String performedTask;

  /**
   * @param actor who was to claim or complete
   * @param action what was asked ({@code claim}, {@code delegate}, {@code complete})
   * @param element the work item, in words
   * @param performedTask the task of this case whose work item the actor completed
   */
  public SeparationOfDutiesException(
      Actor actor, String action, String element, String performedTask) {
    super(
        actor
            + " may not "
            + action
            + " "
            + element
            + ": "
            + actor
            + " completed a work item of task '"
            + performedTask
            + "' in this case, and the task is separated from it (four eyes). Another actor the"
            + " item is offered to must do it",
        actor,
        action,
        element,
        "separatedFrom(" + performedTask + ")",
        "completed '" + performedTask + "' in this case");
    this.performedTask = performedTask;
  }

  /** The task of this case whose work item the actor completed. */
  public String performedTask() {
    return performedTask;
  }

  @Override
  public String code() {
    return "SEPARATION_OF_DUTIES";
  }
}
