package dev.tasquencer.api;

/** The states of a workflow instance (root or child). */
public enum WorkflowState {
  INITIALIZED,
  STARTED,
  COMPLETED,
  FAILED,
  CANCELED;

  /** Whether no further transition is possible. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }

  /** The lower-case name, made once. */
  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  /** The lower-case name used in storage and JSON ({@code "started"}). */
  public String id() {
    return id;
  }
}
