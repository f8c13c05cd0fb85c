package dev.tasquencer.api.error;

import java.util.Collection;
import java.util.List;

/**
 * An element was asked to make a transition its state machine does not allow from its current
 * state. The message names the element, its current state, the attempted transition and the states
 * it is allowed from. Like every "right element, wrong state or generation" error it is a {@link
 * ConstraintViolationException}; its {@link #code()} tells it apart.
 */
public class InvalidStateTransitionException extends ConstraintViolationException {
  private static final long serialVersionUID = 1L;
  private final String elementKind;
  private final String element;
  private final String currentState;
  private final String attempted;
  private final List<String> allowedFrom;

  public InvalidStateTransitionException(
      String elementKind,
      String element,
      Enum<?> currentState,
      String attempted,
      Collection<? extends Enum<?>> allowedFrom) {
    super(
        elementKind
            + " "
            + element
            + " cannot "
            + attempted
            + ": it is "
            + lower(currentState)
            + ", and "
            + attempted
            + " is allowed only from "
            + allowedFrom.stream().map(InvalidStateTransitionException::lower).toList());
    this.elementKind = elementKind;
    this.element = element;
    this.currentState = lower(currentState);
    this.attempted = attempted;
    this.allowedFrom = allowedFrom.stream().map(InvalidStateTransitionException::lower).toList();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }

  public String elementKind() {
    return elementKind;
  }

  public String element() {
    return element;
  }

  public String currentState() {
    return currentState;
  }

  public String attempted() {
    return attempted;
  }

  public List<String> allowedFrom() {
    return allowedFrom;
  }

  @Override
  public String code() {
    return "INVALID_STATE_TRANSITION";
  }
}
