package dev.tasquencer.internal.jobs;

import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobWorker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link JobWorker.Builder}: checks each setting as it is made, creates nothing before build.
 */
final class WorkerBuilder implements JobWorker.Builder {
  private final JobEngine engine;
  private final Map<String, JobHandler<?>> handlers = new LinkedHashMap<>();
  private String workerId = defaultWorkerId();
  private int threads = 4;
  private Duration pollInterval = Duration.ofMillis(200);
  private Duration lease = Duration.ofSeconds(30);
  private Duration backoffBase = Duration.ofSeconds(1);
  private Duration backoffMax = Duration.ofMinutes(5);

  WorkerBuilder(JobEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  private static String defaultWorkerId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "host";
    }
    return host
        + "-"
        + ManagementFactory.getRuntimeMXBean().getPid()
        + "-"
        + Long.toHexString(Double.doubleToLongBits(Math.random()) & 0xFFFFFF);
  }

  @Override
  public WorkerBuilder handler(String name, JobHandler<?> handler) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    if (name.startsWith(JobRunner.BUILTIN_PREFIX)) {
      throw new IllegalArgumentException(
          "handler names starting with 'tasquencer.' are reserved for built-in handlers: " + name);
    }
    if (handlers.putIfAbsent(name, handler) != null) {
      throw new IllegalArgumentException("a handler named '" + name + "' is already registered");
    }
    return this;
  }

  @Override
  public WorkerBuilder workerId(String id) {
    this.workerId = Objects.requireNonNull(id, "workerId");
    return this;
  }

  @Override
  public WorkerBuilder threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    this.threads = threads;
    return this;
  }

  @Override
  public WorkerBuilder pollInterval(Duration d) {
    this.pollInterval = positive(d, "pollInterval");
    return this;
  }

  @Override
  public WorkerBuilder lease(Duration d) {
    this.lease = positive(d, "lease");
    return this;
  }

  @Override
  public WorkerBuilder backoff(Duration base, Duration max) {
    this.backoffBase = positive(base, "backoff base");
    this.backoffMax = positive(max, "backoff max");
    return this;
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }

  @Override
  public JobWorker build() {
    return new DefaultJobWorker(
        engine,
        new WorkerSettings(
            handlers, workerId, threads, pollInterval, lease, backoffBase, backoffMax));
  }
}
