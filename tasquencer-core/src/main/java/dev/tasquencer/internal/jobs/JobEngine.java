package dev.tasquencer.internal.jobs;

import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.internal.telemetry.Telemetry;
import java.time.Clock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine as a job worker sees it. The runtime implements it, so that this package needs nothing
 * of the runtime's classes.
 */
public interface JobEngine {
  /** Runs {@code body} in one engine transaction, with the same retries as commands. */
  <T> T transaction(String name, Function<CallHandle, T> body);

  /** Reads a stored JSON payload as {@code type}; null reads as null. */
  <T> @Nullable T readPayload(@Nullable String json, Class<T> type);

  /** The engine's clock. */
  Clock clock();

  /** The engine's commands as internal calls, each in a transaction of its own. */
  WorkflowCommands internalCommands();

  /** The engine's queries. */
  WorkflowQueries queries();

  /** The engine's spans, meters and log context. */
  Telemetry telemetry();
}
