package dev.tasquencer.internal.store;

/**
 * A row of an element that can own jobs (workflow, task, work item). It remembers whether the
 * element ever registered one, so that ending an element without jobs costs no job statement.
 */
abstract class OwnerRow extends Row {
  private boolean hasJobs;

  OwnerRow(Session session, boolean persisted) {
    super(session, persisted);
  }

  /** Whether the element ever registered a job (so its teardown must cancel jobs). */
  public final boolean hasJobs() {
    return hasJobs;
  }

  /** Records that the element registered a job. */
  public final void markHasJobs() {
    if (!hasJobs) {
      hasJobs = true;
      touch();
    }
  }

  final void loadedHasJobs(boolean value) {
    this.hasJobs = value;
  }
}
