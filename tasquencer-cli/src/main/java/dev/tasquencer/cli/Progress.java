package dev.tasquencer.cli;

import dev.tasquencer.api.TaskStats;
import java.io.PrintWriter;

/** Prints how far a long task got, every 10% of its work items, on stderr. */
final class Progress {
  /** Runs with fewer work items are quick; no progress lines for them. */
  static final long MIN_TOTAL = 1000;

  private final PrintWriter err;
  private final String what;
  private final long started = System.nanoTime();
  private long lastTenth;

  Progress(PrintWriter err, String what) {
    this.err = err;
    this.what = what;
  }

  void update(TaskStats stats) {
    if (stats.total() < MIN_TOTAL) {
      return;
    }
    long tenth = stats.finished() * 10 / stats.total();
    if (tenth > lastTenth) {
      lastTenth = tenth;
      err.printf(
          "  %s: %3d%% of the work items final (%d/%d), %.1f s%n",
          what, tenth * 10, stats.finished(), stats.total(), (System.nanoTime() - started) / 1e9);
      err.flush();
    }
  }
}
