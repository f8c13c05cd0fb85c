package dev.tasquencer.api.error;

/** An activity requested a second automatic transition for the same work item. */
public class AutoTriggerAlreadySetException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  public AutoTriggerAlreadySetException(String workItem, String first, String second) {
    super(
        "work item "
            + workItem
            + " already requested "
            + first
            + " in this activity; it cannot also request "
            + second
            + ". Request at most one transition per activity run");
  }
}
