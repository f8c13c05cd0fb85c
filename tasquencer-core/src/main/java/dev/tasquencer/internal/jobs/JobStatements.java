package dev.tasquencer.internal.jobs;

import dev.tasquencer.internal.store.SqlFailures;

/** Runs the worker's statements on {@code tq_job}, their SQLExceptions translated. */
final class JobStatements {
  private JobStatements() {}

  static <T> T run(SqlFailures.SqlWork<T> work) {
    return SqlFailures.run("job statement failed", work);
  }
}
