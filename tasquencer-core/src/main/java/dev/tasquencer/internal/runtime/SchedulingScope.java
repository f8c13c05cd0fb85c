package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Job;
import dev.tasquencer.api.context.JobScheduling;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A context that may register durable jobs: the two {@link JobScheduling} methods, written once. A
 * subclass names the owner of the jobs (or refuses where registering is not allowed) and the site
 * that error messages name.
 */
abstract class SchedulingScope extends CallScope implements JobScheduling {

  SchedulingScope(Call call, boolean internal) {
    super(call, internal);
  }

  /** The owner of jobs registered here; throws {@link Jobs#notHere} where there may be none. */
  abstract Jobs.Owner jobOwner();

  /** Where a registration happens (a hook or an action), for error messages. */
  abstract String schedulingSite();

  @Override
  public final UUID registerScheduled(Duration after, Job job) {
    return Jobs.schedule(call, jobOwner(), after, job, schedulingSite());
  }

  @Override
  public final UUID registerScheduled(Instant at, Job job) {
    return Jobs.schedule(call, jobOwner(), at, job, schedulingSite());
  }
}
