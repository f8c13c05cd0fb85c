package dev.tasquencer.internal.jobs;

import dev.tasquencer.jobs.JobWorker;
import java.util.concurrent.atomic.AtomicLong;

/** The outcomes one worker recorded, counted as they are recorded. */
final class WorkerStats {
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong canceled = new AtomicLong();

  void done() {
    done.incrementAndGet();
  }

  void canceled() {
    canceled.incrementAndGet();
  }

  /** A failed attempt; {@code dead} when it was the job's last. */
  void failed(boolean dead) {
    failed.incrementAndGet();
    if (dead) {
      this.dead.incrementAndGet();
    }
  }

  JobWorker.Stats snapshot() {
    return new JobWorker.Stats(done.get(), failed.get(), dead.get(), canceled.get());
  }
}
