package dev.tasquencer.internal.telemetry;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The engine's meters. {@link #NONE} records nothing; {@link MicrometerMetrics} records into a
 * Micrometer registry. Callers report only what has committed.
 */
public interface Metrics {

  /** Records nothing. */
  Metrics NONE = new Metrics() {};

  /** Whether anything is recorded (callers skip collecting what nobody reads). */
  default boolean enabled() {
    return false;
  }

  /** A command ended: {@code outcome} is one of {@link CommandTrace#COMMITTED} and the others. */
  default void command(String command, String outcome, long nanos) {}

  /** A workflow instance reached {@code state} (committed). */
  default void workflow(String workflow, String version, String state) {}

  /** A task generation ended in {@code state}, {@code duration} after it was enabled. */
  default void taskEnded(String workflow, String task, String state, Duration duration) {}

  /** A work item ended in {@code state}, {@code duration} after it was initialized. */
  default void workItemEnded(String workflow, String task, String state, Duration duration) {}

  /** A job run began, {@code lag} after the job was due. */
  default void jobStarted(String handler, Duration lag) {}

  /** A job run ended with {@code outcome} (the job's state after it, or {@code error}). */
  default void jobFinished(String handler, String outcome) {}

  /** Registers the gauges of due and dead jobs, read from the database when scraped. */
  default void jobGauges(LongSupplier due, LongSupplier dead) {}
}
