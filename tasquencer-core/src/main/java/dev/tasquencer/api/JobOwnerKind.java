package dev.tasquencer.api;

/** What kind of element owns a durable job: the job is canceled when its owner ends. */
public enum JobOwnerKind {
  /** A workflow instance. */
  WORKFLOW,
  /** One generation of a task (the task's name and generation are on the job). */
  TASK,
  /** A work item. */
  WORK_ITEM;

  /** The lower-case name, made once. */
  private final String id = name().toLowerCase(java.util.Locale.ROOT);

  /** The kind as stored: {@code workflow}, {@code task} or {@code work_item}. */
  public String id() {
    return id;
  }
}
