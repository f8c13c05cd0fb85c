package dev.tasquencer.internal.jobs;

import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.jobs.JobWorker;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobWorker}: a poller that claims due jobs ({@link JobPoller}), a pool of threads that
 * run them ({@link JobRunner}, which records failures with {@link FailureRecorder}), and a renewer
 * that keeps the leases of the jobs in flight ({@link LeaseKeeper}). This class starts and stops
 * them.
 */
public final class DefaultJobWorker implements JobWorker {
  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final WorkerSettings settings;
  private final WorkerStats stats = new WorkerStats();
  private final JobRunner runner;
  private final LeaseKeeper leases;
  private final JobPoller poller;
  private boolean running;

  @SuppressWarnings("NullAway.Init") // set by start(), used only after it
  private ExecutorService executor;

  DefaultJobWorker(JobEngine engine, WorkerSettings settings) {
    this.settings = settings;
    this.runner = new JobRunner(engine, settings, stats);
    this.leases = new LeaseKeeper(engine, settings.workerId(), settings.lease());
    this.poller = new JobPoller(engine, settings, runner, leases);
  }

  /** A builder of workers that run on {@code engine}. */
  public static JobWorker.Builder builder(JobEngine engine) {
    return new WorkerBuilder(engine);
  }

  @Override
  public String workerId() {
    return settings.workerId();
  }

  @Override
  public Stats stats() {
    return stats.snapshot();
  }

  @Override
  public synchronized JobWorker start() {
    if (running) {
      return this;
    }
    running = true;
    executor =
        Executors.newFixedThreadPool(
            settings.threads(), r -> daemon(r, "tasquencer-job", settings.workerId()));
    leases.start();
    poller.start(executor);
    log.info("job worker {} started with {} threads", settings.workerId(), settings.threads());
    return this;
  }

  /**
   * A daemon thread of worker {@code workerId}. Whatever ends it with an exception is logged: a
   * worker thread never dies silently.
   */
  static Thread daemon(Runnable r, String name, String workerId) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler(
        (thread, e) ->
            log.error("job worker {}: thread {} ended with {}", workerId, thread.getName(), e, e));
    return t;
  }

  @Override
  public void wakeUp() {
    poller.wakeUp();
  }

  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    try {
      poller.stop(settings.lease());
      executor.shutdown();
      if (!executor.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    } finally {
      leases.stop();
    }
    log.info("job worker {} stopped: {}", settings.workerId(), stats());
  }

  @Override
  public int runDue() {
    int total = 0;
    for (int round = 0; round < 100_000; round++) {
      List<JobSnapshot> claimed = poller.claim(100);
      if (claimed.isEmpty()) {
        return total;
      }
      for (JobSnapshot job : claimed) {
        runner.run(job);
        total++;
      }
    }
    throw new IllegalStateException("runDue ran 10 million jobs; is a job rescheduling itself?");
  }
}
