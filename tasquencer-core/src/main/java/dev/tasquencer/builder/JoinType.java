package dev.tasquencer.builder;

/**
 * How a task's input conditions must be marked for it to be enabled, and what its start consumes.
 */
public enum JoinType {
  /** Every input condition is marked; the start consumes one token from each. */
  AND,
  /**
   * At least one input is marked; the start consumes one token from the first marked input, in the
   * order the flows into the task were declared. Each arriving token fires the task once.
   */
  XOR,
  /**
   * At least one input is marked and no empty input can still receive a token; the start consumes
   * one token from each marked input.
   */
  OR
}
