package dev.tasquencer.api.error;

/** Complete or fail was asked of an incident whose owner is not a work item. */
public class IncidentOwnerException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  public IncidentOwnerException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "INCIDENT_OWNER_NOT_WORK_ITEM";
  }
}
