package dev.tasquencer.api;

/** A state change of one element, as reported to its parent's activities and policy. */
public record Transition<S extends Enum<S>>(S prevState, S nextState) {
  @Override
  public String toString() {
    return prevState.name().toLowerCase(java.util.Locale.ROOT)
        + "->"
        + nextState.name().toLowerCase(java.util.Locale.ROOT);
  }
}
