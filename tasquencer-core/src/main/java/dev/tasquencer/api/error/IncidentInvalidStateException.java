package dev.tasquencer.api.error;

/** An operator action that the incident's state does not allow (it is resolved, or retrying). */
public class IncidentInvalidStateException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  public IncidentInvalidStateException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "INCIDENT_INVALID_STATE";
  }
}
