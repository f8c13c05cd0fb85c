package dev.tasquencer.api;

import java.util.Locale;

/**
 * How much history the engine writes, in the transaction of the call that caused it. Each level
 * records everything the one before it does. Chosen per engine ({@code
 * TasquencerBuilder.history(level)}) and overridable per workflow definition ({@code
 * Builder.workflow(...).history(level)}); see {@code docs/history.md} for what each level stores
 * and costs, and what time travel can reconstruct from it.
 */
public enum HistoryLevel {
  /** No history at all. */
  NONE,
  /** Workflow and task transitions (with the task generation a transition belongs to). */
  ACTIVITY,
  /**
   * The default: also every work item transition and every action (initialize, start, complete,
   * fail, cancel, reset of work items; initialize and cancel of workflows) with its canonical JSON
   * payload, after redaction.
   */
  AUDIT,
  /**
   * Also every change of a condition's marking, the input markings a join saw when it enabled or
   * withdrew a task, and the flows a split chose.
   */
  FULL;

  /** Whether this level records what {@code level} records. */
  public boolean includes(HistoryLevel level) {
    return compareTo(level) >= 0;
  }

  /** The lower-case name, made once. */
  private final String id = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in storage and JSON ({@code "audit"}). */
  public String id() {
    return id;
  }
}
