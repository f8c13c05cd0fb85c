package dev.tasquencer.internal.jobs;

import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.internal.store.JobStore;
import dev.tasquencer.jobs.JobWorker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs and hands them to the worker's threads: as many as there are free threads, then
 * it waits for the poll interval, or less when a thread frees up or {@link #wakeUp} is called.
 */
final class JobPoller {
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JobEngine engine;
  private final WorkerSettings settings;
  private final JobRunner runner;
  private final LeaseKeeper leases;
  private final Object wake = new Object();
  private boolean wakeRequested; // guarded by wake: a wakeUp() that came before the wait
  private volatile boolean running;

  @SuppressWarnings("NullAway.Init") // set by start(), used only after it
  private Thread thread;

  @SuppressWarnings("NullAway.Init") // likewise
  private ExecutorService executor;

  @SuppressWarnings("NullAway.Init") // likewise
  private Semaphore capacity;

  JobPoller(JobEngine engine, WorkerSettings settings, JobRunner runner, LeaseKeeper leases) {
    this.engine = engine;
    this.settings = settings;
    this.runner = runner;
    this.leases = leases;
  }

  /**
   * Claims up to {@code limit} due jobs (or jobs whose lease expired) for this worker, in one
   * transaction.
   */
  List<JobSnapshot> claim(int limit) {
    return engine.transaction(
        "claim jobs",
        h ->
            JobStatements.run(
                () ->
                    JobStore.claimDue(
                        h.connection(),
                        settings.workerId(),
                        h.now(),
                        h.now().plus(settings.lease()),
                        limit)));
  }

  /** Starts polling; claimed jobs run on {@code executor}. */
  void start(ExecutorService executor) {
    this.executor = executor;
    capacity = new Semaphore(settings.threads());
    running = true;
    thread = DefaultJobWorker.daemon(this::loop, "tasquencer-poller", settings.workerId());
    thread.start();
  }

  /** Stops claiming; waits up to {@code timeout} for the poller to end. */
  void stop(Duration timeout) throws InterruptedException {
    running = false;
    wakeUp();
    thread.join(timeout.toMillis());
  }

  void wakeUp() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  private void loop() {
    while (running) {
      try {
        int free = capacity.availablePermits();
        List<JobSnapshot> claimed = free == 0 ? List.of() : claim(free);
        for (JobSnapshot job : claimed) {
          capacity.acquireUninterruptibly();
          leases.held(job.id());
          executor.execute(() -> runHeld(job));
        }
        if (claimed.isEmpty() || capacity.availablePermits() == 0) {
          synchronized (wake) {
            // a job that finished between the claim and here has already asked for a wake-up
            if (running && !wakeRequested) {
              wake.wait(settings.pollInterval().toMillis());
            }
            wakeRequested = false;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("job worker {} could not poll: {}", settings.workerId(), e.toString());
        sleepQuietly(settings.pollInterval());
      }
    }
  }

  /** Runs a claimed job on a worker thread, then frees its thread and its lease. */
  private void runHeld(JobSnapshot job) {
    try {
      runner.run(job);
    } finally {
      leases.released(job.id());
      capacity.release();
      if (capacity.availablePermits() == 1) {
        wakeUp();
      }
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
