package dev.tasquencer.testing;

import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.internal.store.JobStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * A job worker that claims due jobs and dies before running them: the jobs stay running under its
 * name until their lease expires, with nobody renewing it.
 */
public final class DeadWorker {
  private DeadWorker() {}

  /** Claims up to {@code limit} jobs due at {@code now}, leased until {@code now + lease}. */
  public static List<JobSnapshot> claimDue(
      DataSource dataSource, String workerId, Instant now, Duration lease, int limit) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      List<JobSnapshot> claimed = JobStore.claimDue(c, workerId, now, now.plus(lease), limit);
      c.commit();
      return claimed;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot claim jobs for a dead worker: " + e.getMessage(), e);
    }
  }
}
