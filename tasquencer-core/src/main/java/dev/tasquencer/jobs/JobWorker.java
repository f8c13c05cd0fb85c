package dev.tasquencer.jobs;

import java.time.Duration;

/**
 * Runs due jobs: claims them from the database ({@code FOR UPDATE SKIP LOCKED}, so any number of
 * workers in any number of processes can share one database), runs each with its handler, and
 * records the outcome. A failing handler is retried with exponential backoff until the job's
 * maximum attempts, then the job is parked as dead with its error. A worker that dies loses
 * nothing: the jobs it had claimed become due again when their lease expires.
 *
 * <pre>{@code
 * JobWorker worker = engine.jobWorker()
 *     .handler("mail.send", JobHandler.external(Mail.class, (ctx, mail) -> ...))
 *     .threads(4)
 *     .build();
 * worker.start();
 * }</pre>
 *
 * <p>Tests drive it without threads: {@link #runDue()} runs everything due on the engine clock.
 * Workers are built with {@link dev.tasquencer.Tasquencer#jobWorker()}.
 */
public interface JobWorker extends AutoCloseable {

  /** This worker's identity, recorded on the jobs it claims. */
  String workerId();

  /**
   * Counters of the outcomes this worker recorded since it was built. A job that another worker
   * took over after this worker's lease expired counts with the worker that ended it, never twice.
   */
  record Stats(long done, long failedAttempts, long dead, long canceled) {}

  Stats stats();

  /** Starts polling with the configured threads. */
  JobWorker start();

  /** Wakes the poller now (after registering jobs due at once, for example). */
  void wakeUp();

  /** Stops claiming, waits up to the lease for running jobs, then stops. */
  @Override
  void close();

  /**
   * Runs, on the calling thread, every job that is due on the engine clock (including jobs that
   * become due meanwhile), and returns how many it ran. For tests and one-shot tools.
   */
  int runDue();

  /** Configures a {@link JobWorker}; each setting is checked as it is made. */
  interface Builder {
    /** Registers the handler of jobs named {@code name}. */
    Builder handler(String name, JobHandler<?> handler);

    /** This worker's identity (default: host name, process id and a random suffix). */
    Builder workerId(String id);

    /** How many jobs run at the same time (default 4). */
    Builder threads(int threads);

    /** How long an idle worker waits before looking for due jobs again (default 200 ms). */
    Builder pollInterval(Duration d);

    /**
     * How long a claimed job stays with this worker without renewal (default 30 s): when a worker
     * dies, its jobs become due again after this.
     */
    Builder lease(Duration d);

    /** Delay before the first retry, doubled for every further attempt, up to {@code max}. */
    Builder backoff(Duration base, Duration max);

    JobWorker build();
  }
}
