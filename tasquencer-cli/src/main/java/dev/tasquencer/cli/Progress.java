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
  private final long started = System.nanoTime();
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
          "  %s: %3d%% of %s final (%d/%d), %.1f s%n",
          what, tenth * 10, items, finished, total, (System.nanoTime() - started) / 1e9);
      err.flush();
    }
  }
}
