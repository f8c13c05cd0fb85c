package dev.tasquencer.internal.telemetry;

import dev.tasquencer.api.Origin;
import dev.tasquencer.api.error.ConcurrencyException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One command as it is traced, measured and logged: its span (current while it runs, so that the
 * jobs it registers continue its trace), its timer, and the MDC keys {@value #MDC_COMMAND}, {@value
 * #MDC_ROOT} and {@value #MDC_WORKFLOW}. Not thread-safe: one command runs on one thread.
 */
public final class CommandTrace implements AutoCloseable {
  /** The outcome of a command that committed. */
  public static final String COMMITTED = "committed";

  /**
   * The outcome of a command that was rolled back by an error (user code, a rule, the database).
   */
  public static final String ROLLED_BACK = "rolled_back";

  /** The outcome of a command that gave up after conflicting with concurrent calls. */
  public static final String CONFLICT = "conflict";

  public static final String MDC_COMMAND = "tasquencer.command";
  public static final String MDC_ROOT = "tasquencer.rootId";
  public static final String MDC_WORKFLOW = "tasquencer.workflow";

  static final AttributeKey<String> COMMAND = AttributeKey.stringKey("tasquencer.command");
  static final AttributeKey<String> ORIGIN = AttributeKey.stringKey("tasquencer.origin");
  static final AttributeKey<String> ROOT_ID = AttributeKey.stringKey("tasquencer.root.id");
  static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("tasquencer.workflow");
  static final AttributeKey<String> WORKFLOW_VERSION =
      AttributeKey.stringKey("tasquencer.workflow.version");
  static final AttributeKey<String> WORKFLOW_ID = AttributeKey.stringKey("tasquencer.workflow.id");
  static final AttributeKey<String> TASK = AttributeKey.stringKey("tasquencer.task");
  static final AttributeKey<String> WORK_ITEM_ID =
      AttributeKey.stringKey("tasquencer.work_item.id");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("tasquencer.outcome");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("tasquencer.attempts");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final Logger log = LoggerFactory.getLogger("dev.tasquencer.commands");

  private final Telemetry telemetry;
  private final String command;
  private final Span span;
  private final Scope scope;
  private final long startNanos = System.nanoTime();
  private final @Nullable String outerCommand;
  private final @Nullable String outerRoot;
  private final @Nullable String outerWorkflow;
  private int attempts;
  private String outcome = ROLLED_BACK;
  private @Nullable String workflow;
  private @Nullable UUID rootId;

  @SuppressWarnings("MustBeClosedChecker") // the scope is closed by close(): try-with-resources
  CommandTrace(Telemetry telemetry, String command, Origin origin) {
    this.telemetry = telemetry;
    this.command = command;
    this.span =
        telemetry
            .tracer
            .spanBuilder("tasquencer " + command)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(COMMAND, command)
            .setAttribute(ORIGIN, origin.name().toLowerCase(Locale.ROOT))
            .startSpan();
    this.scope = span.makeCurrent();
    this.outerCommand = MDC.get(MDC_COMMAND);
    this.outerRoot = MDC.get(MDC_ROOT);
    this.outerWorkflow = MDC.get(MDC_WORKFLOW);
    MDC.put(MDC_COMMAND, command);
  }

  /** Another attempt of the command's transaction begins. */
  public void attempt() {
    attempts++;
  }

  /**
   * What the command works on, once it is loaded: the tree's root, the workflow (its id, name and
   * version), and where it applies, the task and the work item.
   */
  public void subject(
      UUID rootId,
      UUID workflowId,
      String workflow,
      String version,
      @Nullable String task,
      @Nullable UUID workItemId) {
    this.rootId = rootId;
    this.workflow = workflow;
    span.setAttribute(ROOT_ID, rootId.toString());
    span.setAttribute(WORKFLOW_ID, workflowId.toString());
    span.setAttribute(WORKFLOW, workflow);
    span.setAttribute(WORKFLOW_VERSION, version);
    if (task != null) {
      span.setAttribute(TASK, task);
    }
    if (workItemId != null) {
      span.setAttribute(WORK_ITEM_ID, workItemId.toString());
    }
    MDC.put(MDC_ROOT, rootId.toString());
    MDC.put(MDC_WORKFLOW, workflow);
  }

  /** The attempt conflicted with a concurrent call and is run again. */
  public void conflict(int attempt, Throwable e) {
    span.addEvent(
        "conflict",
        Attributes.of(ATTEMPTS, (long) attempt, ERROR_TYPE, e.getClass().getSimpleName()));
  }

  /** The command committed. */
  public void committed() {
    outcome = COMMITTED;
  }

  /** The command failed with {@code e}: rolled back, or given up after conflicts. */
  public void failed(Throwable e) {
    outcome = e instanceof ConcurrencyException ? CONFLICT : ROLLED_BACK;
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    span.setAttribute(ERROR_TYPE, e.getClass().getName());
  }

  @Override
  public void close() {
    long nanos = System.nanoTime() - startNanos;
    span.setAttribute(OUTCOME, outcome);
    span.setAttribute(ATTEMPTS, (long) attempts);
    scope.close();
    span.end();
    telemetry.metrics.command(command, outcome, nanos);
    if (log.isDebugEnabled()) {
      log.debug(
          "{} {} in {} ms ({} attempt{}){}",
          command,
          outcome,
          nanos / 1_000_000,
          attempts,
          attempts == 1 ? "" : "s",
          rootId == null ? "" : " on workflow " + workflow + " of root " + rootId);
    }
    restore(MDC_COMMAND, outerCommand);
    restore(MDC_ROOT, outerRoot);
    restore(MDC_WORKFLOW, outerWorkflow);
  }

  static void restore(String key, @Nullable String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
