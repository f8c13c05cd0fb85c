package dev.tasquencer.internal.store;

import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.internal.lifecycle.JobEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The stored pending jobs of one owner, to cancel at the next flush: all jobs of a workflow or work
 * item; for a task ({@code task} not null) those of every generation; all but those of {@code
 * keepHandler} when it is not null (a reset keeps its work item's deadlines).
 */
record JobCancellation(
    Instant now,
    UUID ownerId,
    JobOwnerKind kind,
    @Nullable String task,
    @Nullable String keepHandler) {
  static final String SQL =
      "update tq_job set state = "
          + JobTransitions.to(JobEvent.CANCEL)
          + ", updated_at = ? where owner_id = ? and owner_kind = ? and (? is null or owner_task = ?)"
          + " and (? is null or handler <> ?) and "
          + JobTransitions.from(JobEvent.CANCEL);

  /** Binds the parameters of {@link #SQL} from {@code o}; returns the next index. */
  int bind(PreparedStatement ps, int o) throws SQLException {
    Params.bind(ps, o, now);
    Params.bind(ps, o + 1, ownerId);
    Params.bind(ps, o + 2, kind.id());
    ps.setString(o + 3, task);
    ps.setString(o + 4, task);
    ps.setString(o + 5, keepHandler);
    ps.setString(o + 6, keepHandler);
    return o + 7;
  }
}
