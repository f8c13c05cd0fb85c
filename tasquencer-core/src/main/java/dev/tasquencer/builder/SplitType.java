package dev.tasquencer.builder;

/** Which output conditions a task marks when it completes. */
public enum SplitType {
  /** All of them. */
  AND,
  /** Exactly one, chosen by a {@link dev.tasquencer.api.XorRouter}. */
  XOR,
  /** One or more, chosen by an {@link dev.tasquencer.api.OrRouter}. */
  OR
}
