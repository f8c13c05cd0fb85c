package dev.tasquencer.internal.lifecycle;

/**
 * What changes the marking of a condition: reported as {@link ElementKind#CONDITION} transitions. A
 * condition holds a count of tokens, not a state of a table; its "states" are {@link
 * ConditionState#EMPTY} and {@link ConditionState#MARKED}, and {@link AppliedTransition#marking()}
 * gives the count.
 */
public enum ConditionEvent {
  /** A token is put into the condition (a workflow's start, a task's completion). */
  PRODUCE,
  /** A task's start takes a token. */
  CONSUME,
  /** A cancellation region empties the condition. */
  CLEAR;

  /** The name used in messages ({@code "produce"}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
