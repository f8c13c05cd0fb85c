package dev.tasquencer.internal.store;

import dev.tasquencer.api.JobState;
import dev.tasquencer.internal.lifecycle.JobEvent;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The job table ({@link Lifecycles#JOB}) as SQL. Jobs are moved by statements that change many rows
 * at once, or change a row only if it is still in the state they expect; both take the states an
 * event may happen in, and the state it leads to, from the table.
 */
final class JobTransitions {
  private JobTransitions() {}

  /** The SQL literal of the state {@code event} leads to, e.g. {@code 'running'}. */
  static String to(JobEvent event) {
    return literal(Lifecycles.JOB.to(event));
  }

  /** A condition on {@code tq_job.state}: the states {@code event} may happen in. */
  static String from(JobEvent event) {
    List<JobState> from = Lifecycles.JOB.allowedFrom(event);
    if (from.isEmpty()) {
      throw new IllegalArgumentException(event + " creates jobs, it does not move them");
    }
    if (from.size() == 1) {
      return "state = " + literal(from.get(0));
    }
    return from.stream()
        .map(JobTransitions::literal)
        .collect(Collectors.joining(", ", "state in (", ")"));
  }

  /** The state a job in state {@code from} is in after {@code event}; refuses a wrong one. */
  static JobState apply(Object job, JobState from, JobEvent event) {
    return Lifecycles.JOB.check(job, from, event);
  }

  private static String literal(JobState s) {
    return "'" + s.id() + "'";
  }
}
