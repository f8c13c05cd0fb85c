/**
 * Internal: what the engine tells about itself. OpenTelemetry spans per command and per job run
 * (continuing the trace that registered the job), Micrometer meters when the application hands the
 * engine a registry, and the SLF4J log context (MDC) of a command. Depends on the API and on
 * OpenTelemetry's API only; Micrometer is touched by {@link
 * dev.tasquencer.internal.telemetry.MicrometerMetrics} alone, so the engine runs without it.
 *
 * <p>Not part of the public API; it may change without notice.
 */
@NullMarked
package dev.tasquencer.internal.telemetry;

import org.jspecify.annotations.NullMarked;
