package dev.tasquencer.internal.telemetry;

import dev.tasquencer.api.Origin;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one engine reports about itself: a span per command and per job run (OpenTelemetry), meters
 * ({@link Metrics}), and the log context of a command. Without an OpenTelemetry instance of the
 * application the spans are no-ops; the caller's current span (OpenTelemetry's {@link
 * Context#current()}) is still honoured, and carried to the jobs a command registers.
 */
public final class Telemetry {
  /** The name of the engine's tracer (its instrumentation scope). */
  public static final String SCOPE = "dev.tasquencer";

  /** The W3C header a job's trace context is stored as. */
  static final String TRACEPARENT = "traceparent";

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  final Tracer tracer;
  final Metrics metrics;

  public Telemetry(OpenTelemetry openTelemetry, Metrics metrics) {
    this.tracer = openTelemetry.getTracer(SCOPE);
    this.metrics = metrics;
  }

  /** No spans of its own, no meters. */
  public static Telemetry none() {
    return new Telemetry(OpenTelemetry.noop(), Metrics.NONE);
  }

  public Metrics metrics() {
    return metrics;
  }

  /** Starts the span of a command, as a child of the caller's current span; close it. */
  public CommandTrace command(String command, Origin origin) {
    return new CommandTrace(this, command, origin);
  }

  /**
   * Starts the span of a job run, continuing the trace of the command that registered the job
   * ({@code traceContext}, a W3C {@code traceparent}); a new trace when there is none.
   */
  public JobTrace job(String handler, UUID jobId, int attempt, @Nullable String traceContext) {
    return new JobTrace(this, handler, jobId, attempt, parent(traceContext));
  }

  /**
   * The W3C {@code traceparent} of the current span (the command's, under a caller's trace), or
   * null when there is no valid one: what a job registered now stores to continue this trace.
   */
  public static @Nullable String currentTraceContext() {
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(Context.current(), carrier, (c, k, v) -> c.put(k, v));
    return carrier.get(TRACEPARENT);
  }

  private static Context parent(@Nullable String traceContext) {
    if (traceContext == null) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), Map.of(TRACEPARENT, traceContext), GETTER);
  }
}
