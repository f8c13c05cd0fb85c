package dev.tasquencer.internal.lifecycle;

/** Whether a condition holds tokens, before and after a {@link ConditionEvent}. */
public enum ConditionState {
  EMPTY,
  MARKED;

  public static ConditionState of(int marking) {
    return marking > 0 ? MARKED : EMPTY;
  }
}
