package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.FailedAttempt;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.error.TasquencerException;
import dev.tasquencer.internal.store.FailedAttemptTable;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Records calls rolled back by an exception: one row per failed call (after its last attempt), in a
 * small transaction of its own once the call's transaction has rolled back. Unless the engine's
 * history level is {@link HistoryLevel#NONE}.
 */
final class FailedAttempts {
  private final EngineCore core;

  FailedAttempts(EngineCore core) {
    this.core = core;
  }

  /**
   * Writes the record of a failed call.
   *
   * @param call the call's last attempt, or null when none began (no connection)
   * @throws SQLException or any exception when it cannot be written; the caller logs it
   */
  void record(CallRequest request, Call call, Throwable error) throws SQLException {
    if (core.history.level() == HistoryLevel.NONE) {
      return;
    }
    UUID rootId = call == null ? null : call.session.firstLockedRoot().orElse(null);
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    FailedAttempt attempt =
        new FailedAttempt(
            Ids.next(),
            call == null ? Ids.next() : call.commandId,
            request.command(),
            (call == null ? core.clock.instant() : call.now).truncatedTo(ChronoUnit.MICROS),
            request.origin(),
            request.actor(),
            rootId,
            request.workflowId(),
            request.workItemId(),
            request.target(),
            error.getClass().getName(),
            error instanceof TasquencerException te ? te.code() : null,
            message);
    core.inOwnTransaction(c -> FailedAttemptTable.insert(c, attempt));
  }
}
