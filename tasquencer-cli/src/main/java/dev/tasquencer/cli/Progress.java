package dev.tasquencer.cli;

import dev.tasquencer.api.TaskStats;
import java.io.PrintWriter;

/** Prints how far a long run got, every 10% of its items, on stderr. */
final class Progress {
  /** Runs with fewer work items are quick; no progress lines for them. */
  static final long MIN_TOTAL = 1000;

  private final PrintWriter err;
  private final String what;
  private final String items;
  private final long minTotal;
  private long started = System.nanoTime();
  private String since = "";
  private long lastTenth;

  /** Progress of a task's work items (runs of {@link #MIN_TOTAL} items or more). */
  Progress(PrintWriter err, String what) {
    this(err, what, "the work items", MIN_TOTAL);
  }

  /**
   * @param items what is counted, as printed ("the work items")
   * @param minTotal runs with fewer items print nothing
   */
  Progress(PrintWriter err, String what, String items, long minTotal) {
    this.err = err;
    this.what = what;
    this.items = items;
    this.minTotal = minTotal;
  }

  /**
   * Times the lines from {@code nanoTime} (a {@link System#nanoTime()}) instead of from this
   * object's creation, and says so on each line: "1.2 s {@code since}".
   */
  synchronized void timeFrom(long nanoTime, String since) {
    this.started = nanoTime;
    this.since = " " + since;
  }

  /**
   * Ends the lines of a run that printed any: {@code event} happened {@code elapsedMs} after the
   * clock's start, printed like the other lines' times.
   */
  synchronized void end(long elapsedMs, String event) {
    if (lastTenth > 0) {
      err.printf("  %s: %s, %.1f s%s%n", what, event, elapsedMs / 1e3, since);
      err.flush();
    }
  }

  void update(TaskStats stats) {
    update(stats.finished(), stats.total());
  }

  synchronized void update(long finished, long total) {
    if (total < minTotal || total == 0) {
      return;
    }
    long tenth = finished * 10 / total;
    if (tenth > lastTenth) {
      lastTenth = tenth;
      err.printf(
          "  %s: %3d%% of %s final (%d/%d), %.1f s%s%n",
          what, tenth * 10, items, finished, total, (System.nanoTime() - started) / 1e9, since);
      err.flush();
    }
  }
}
