package dev.tasquencer.internal.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@link Metrics} into a Micrometer registry. The only class that touches Micrometer: the engine
 * loads it only when the application handed it a registry.
 */
public final class MicrometerMetrics implements Metrics {
  /** How long a gauge reading of the job table is reused before the next query. */
  static final long GAUGE_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final MeterRegistry registry;

  private MicrometerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics into {@code registry}, a Micrometer {@code MeterRegistry}. */
  public static Metrics of(Object registry) {
    return new MicrometerMetrics((MeterRegistry) registry);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void command(String command, String outcome, long nanos) {
    Timer.builder("tasquencer.commands")
        .description("Engine commands (each one transaction, retries included), by outcome")
        .tag("command", command)
        .tag("outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void workflow(String workflow, String version, String state) {
    Counter.builder("tasquencer.workflow.instances")
        .description("Workflow instances that reached a state, by workflow and version")
        .tag("workflow", workflow)
        .tag("version", version)
        .tag("state", state)
        .register(registry)
        .increment();
  }

  @Override
  public void taskEnded(String workflow, String task, String state, Duration duration) {
    ended("tasquencer.task.duration", "Time from a task generation's enablement to its end")
        .tag("workflow", workflow)
        .tag("task", task)
        .tag("state", state)
        .register(registry)
        .record(duration);
  }

  @Override
  public void workItemEnded(String workflow, String task, String state, Duration duration) {
    ended("tasquencer.work_item.duration", "Time from a work item's initialization to its end")
        .tag("workflow", workflow)
        .tag("task", task)
        .tag("state", state)
        .register(registry)
        .record(duration);
  }

  private static Timer.Builder ended(String name, String description) {
    return Timer.builder(name).description(description);
  }

  @Override
  public void jobStarted(String handler, Duration lag) {
    Timer.builder("tasquencer.jobs.lag")
        .description("Time from a job's due time to the start of its run")
        .tag("handler", handler)
        .register(registry)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  @Override
  public void jobFinished(String handler, String outcome) {
    Counter.builder("tasquencer.jobs.runs")
        .description("Job runs, by handler and the job's state after the run")
        .tag("handler", handler)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  @Override
  public void jobGauges(LongSupplier due, LongSupplier dead) {
    Gauge.builder("tasquencer.jobs.due", new CachedCount(due), CachedCount::value)
        .strongReference(true) // the registry would otherwise hold the count weakly
        .description("Pending jobs whose time has come (read at most every 5 s)")
        .register(registry);
    Gauge.builder("tasquencer.jobs.dead", new CachedCount(dead), CachedCount::value)
        .strongReference(true) // the registry would otherwise hold the count weakly
        .description("Jobs that failed every attempt (read at most every 5 s)")
        .register(registry);
  }

  /** A count read from the database, reused for {@link #GAUGE_REFRESH_NANOS}. */
  static final class CachedCount {
    private final LongSupplier read;
    private long readAt;
    private double value = Double.NaN;
    private boolean read0;

    CachedCount(LongSupplier read) {
      this.read = read;
    }

    synchronized double value() {
      long now = System.nanoTime();
      if (!read0 || now - readAt >= GAUGE_REFRESH_NANOS) {
        read0 = true;
        readAt = now;
        long v = read.getAsLong();
        value = v < 0 ? Double.NaN : v;
      }
      return value;
    }
  }
}
