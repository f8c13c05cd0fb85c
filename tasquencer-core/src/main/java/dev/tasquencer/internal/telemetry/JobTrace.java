package dev.tasquencer.internal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * One run of a job as it is traced and measured: a span in the trace of the command that registered
 * the job (current while the handler runs, so that the commands it makes join that trace too), the
 * job's lag and outcome, and the MDC key {@value #MDC_JOB}.
 */
public final class JobTrace implements AutoCloseable {
  public static final String MDC_JOB = "tasquencer.job";

  static final AttributeKey<String> HANDLER = AttributeKey.stringKey("tasquencer.job.handler");
  static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("tasquencer.job.id");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("tasquencer.job.attempt");

  private final Telemetry telemetry;
  private final String handler;
  private final Span span;
  private final Scope scope;
  private final @Nullable String outerJob;
  private String outcome = "failed"; // until ended() says otherwise

  @SuppressWarnings("MustBeClosedChecker") // the scope is closed by close(): try-with-resources
  JobTrace(Telemetry telemetry, String handler, UUID jobId, int attempt, Context parent) {
    this.telemetry = telemetry;
    this.handler = handler;
    this.span =
        telemetry
            .tracer
            .spanBuilder("tasquencer job " + handler)
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(HANDLER, handler)
            .setAttribute(JOB_ID, jobId.toString())
            .setAttribute(ATTEMPT, (long) attempt)
            .startSpan();
    this.scope = span.makeCurrent();
    this.outerJob = MDC.get(MDC_JOB);
    MDC.put(MDC_JOB, jobId.toString());
  }

  /** The run begins {@code lag} after the job was due. */
  public void started(Duration lag) {
    telemetry.metrics.jobStarted(handler, lag);
  }

  /**
   * The run ended; {@code state} is the job's state after it ({@code done}, {@code pending}...).
   */
  public void ended(String state) {
    outcome = state;
    span.setAttribute(CommandTrace.OUTCOME, state);
  }

  /** The run failed with {@code e} (recorded as the job's failure, or not at all). */
  public void failed(Throwable e) {
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
  }

  @Override
  public void close() {
    scope.close();
    span.end();
    telemetry.metrics.jobFinished(handler, outcome);
    CommandTrace.restore(MDC_JOB, outerJob);
  }
}
