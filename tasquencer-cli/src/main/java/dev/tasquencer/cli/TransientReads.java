package dev.tasquencer.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Reads of a command that watches a run (the demo's coordinator), run again when the database
 * failed transiently: a dropped connection, a server restarting, a pool that could not hand out a
 * connection in time. The job workers ride out the same faults (they log and poll again), so the
 * coordinator must not give up on their run at the first one. Each retry prints a line on stderr;
 * after failing for {@link #GIVE_UP_AFTER} without a success the error is the command's.
 */
final class TransientReads {
  static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
  private static final long PAUSE_MS = 1000;

  private final PrintWriter err;
  private final Duration giveUpAfter;

  TransientReads(PrintWriter err) {
    this(err, GIVE_UP_AFTER);
  }

  TransientReads(PrintWriter err, Duration giveUpAfter) {
    this.err = err;
    this.giveUpAfter = giveUpAfter;
  }

  /** Runs {@code read} (it must have no effect but reading) until it succeeds or the bound. */
  <T> T read(String what, Supplier<T> read) throws InterruptedException {
    long firstFailure = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (RuntimeException e) {
        if (!isTransient(e)) {
          throw e;
        }
        long now = System.nanoTime();
        if (firstFailure == 0) {
          firstFailure = now;
        } else if (now - firstFailure > giveUpAfter.toNanos()) {
          throw new CliException(
              "the database has failed for "
                  + giveUpAfter.toSeconds()
                  + " s while reading "
                  + what
                  + ", giving up: "
                  + Errors.rootMessage(e),
              e);
        }
        err.printf(
            "  database error while reading %s (attempt %d: %s); retrying in %d s%n",
            what, attempt, Errors.rootMessage(e), PAUSE_MS / 1000);
        err.flush();
        Thread.sleep(PAUSE_MS);
      }
    }
  }

  /**
   * Whether a failure is worth waiting out: a connection failure (SQL state class 08), a server
   * shutting down or starting (57P01 to 57P03), or what the driver or the pool call transient or
   * recoverable.
   */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P0")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
