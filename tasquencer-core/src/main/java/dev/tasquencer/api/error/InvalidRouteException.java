package dev.tasquencer.api.error;

/** A XOR or OR router returned a route that the split does not allow. */
public class InvalidRouteException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;

  public InvalidRouteException(String message) {
    super(message);
  }
}
