package dev.tasquencer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Activity;
import dev.tasquencer.api.Job;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.context.WorkItemStartedContext;
import dev.tasquencer.api.error.WorkItemNotFoundException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobHandler;
import dev.tasquencer.jobs.JobWorker;
import dev.tasquencer.testing.CountingDataSource;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the engine tells about itself (issue 12 item 7): a span per command under the caller's
 * trace, with what it worked on and how it ended; jobs that continue the trace of the command that
 * registered them; meters of commands, instances, durations and jobs, counted only for what
 * committed; a warning per retried conflict. Queries and rolled-back work leave no trace of
 * success.
 */
class ObservabilityTest {
  static final AttributeKey<String> COMMAND = AttributeKey.stringKey("tasquencer.command");
  static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("tasquencer.workflow");
  static final AttributeKey<String> WORKFLOW_ID = AttributeKey.stringKey("tasquencer.workflow.id");
  static final AttributeKey<String> ROOT_ID = AttributeKey.stringKey("tasquencer.root.id");
  static final AttributeKey<String> TASK = AttributeKey.stringKey("tasquencer.task");
  static final AttributeKey<String> WORK_ITEM = AttributeKey.stringKey("tasquencer.work_item.id");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("tasquencer.outcome");
  static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("tasquencer.attempts");

  /** An OpenTelemetry SDK that keeps every finished span in memory. */
  static final class Otel implements AutoCloseable {
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .build();
    final Tracer caller = sdk.getTracer("the-application");

    SpanData named(String name) {
      List<SpanData> found =
          spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
      assertThat(found).as("spans named %s", name).hasSize(1);
      return found.get(0);
    }

    @Override
    public void close() {
      sdk.close();
    }
  }

  @DbTest
  @SuppressWarnings("try") // the scope is unused: making the caller's span current is the point
  void aCommandIsASpanUnderTheCallersTraceNamingWhatItWorkedOn(TestDatabase db) {
    try (Otel otel = new Otel()) {
      Tasquencer engine =
          db.engine(
              Tasquencer.builder().openTelemetry(otel.sdk).register(Nets.singleTask("traced")));
      Span request = otel.caller.spanBuilder("POST /orders").startSpan();
      UUID wf;
      UUID item;
      try (Scope ignored = request.makeCurrent()) {
        wf = engine.internal().initializeRootWorkflow("traced", null);
        Driver d = new Driver(engine, wf);
        item = d.wi("t").get(0).id();
        engine.internal().startWorkItem(item, null);
        engine.internal().completeWorkItem(item, null);
        engine.queries().workflowState(wf);
      } finally {
        request.end();
      }

      SpanData init = otel.named("tasquencer initializeRootWorkflow");
      assertThat(init.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
      assertThat(init.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
      assertThat(init.getAttributes().get(COMMAND)).isEqualTo("initializeRootWorkflow");
      assertThat(init.getAttributes().get(WORKFLOW)).isEqualTo("traced");
      assertThat(init.getAttributes().get(WORKFLOW_ID)).isEqualTo(wf.toString());
      assertThat(init.getAttributes().get(ROOT_ID)).isEqualTo(wf.toString());
      assertThat(init.getAttributes().get(OUTCOME)).isEqualTo("committed");
      assertThat(init.getAttributes().get(ATTEMPTS)).isEqualTo(1L);
      assertThat(init.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

      SpanData complete = otel.named("tasquencer completeWorkItem");
      assertThat(complete.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
      assertThat(complete.getAttributes().get(TASK)).isEqualTo("t");
      assertThat(complete.getAttributes().get(WORK_ITEM)).isEqualTo(item.toString());
      assertThat(complete.getAttributes().get(WORKFLOW)).isEqualTo("traced");

      assertThat(otel.spans.getFinishedSpanItems())
          .as("queries are no commands: no span of their own")
          .extracting(SpanData::getName)
          .containsExactly(
              "tasquencer initializeRootWorkflow",
              "tasquencer startWorkItem",
              "tasquencer completeWorkItem",
              "POST /orders");
      assertThat(MDC.get("tasquencer.command"))
          .as("the log context ends with the command")
          .isNull();
      assertThat(MDC.get("tasquencer.rootId")).isNull();
    }
  }

  @DbTest
  void activitiesLogWithTheCommandRootAndWorkflowInTheirContext(TestDatabase db) {
    List<String> seen = new java.util.ArrayList<>();
    WorkflowDefinition net =
        oneItem(
            "logged",
            ctx ->
                seen.add(
                    MDC.get("tasquencer.command")
                        + " "
                        + MDC.get("tasquencer.workflow")
                        + " "
                        + MDC.get("tasquencer.rootId")));
    Tasquencer engine = db.engine(net);
    UUID wf = engine.internal().initializeRootWorkflow("logged", null);
    UUID item = new Driver(engine, wf).wi("t").get(0).id();

    engine.internal().startWorkItem(item, null);

    assertThat(seen).containsExactly("startWorkItem logged " + wf);
    assertThat(MDC.get("tasquencer.command")).as("removed when the command ends").isNull();
    assertThat(MDC.get("tasquencer.workflow")).isNull();
  }

  @DbTest
  void aFailedCommandIsAnErrorSpanThatSaysItRolledBack(TestDatabase db) {
    try (Otel otel = new Otel()) {
      Tasquencer engine =
          db.engine(Tasquencer.builder().openTelemetry(otel.sdk).register(Nets.singleTask("w")));
      UUID missing = UUID.randomUUID();

      assertThatThrownBy(() -> engine.internal().completeWorkItem(missing, null))
          .isInstanceOf(WorkItemNotFoundException.class);

      SpanData failed = otel.named("tasquencer completeWorkItem");
      assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(failed.getAttributes().get(OUTCOME)).isEqualTo("rolled_back");
      assertThat(failed.getEvents())
          .extracting(e -> e.getName())
          .as("the exception is recorded on the span")
          .contains("exception");
      assertThat(failed.getParentSpanId())
          .as("without a caller's span, a command starts a trace of its own")
          .isEqualTo(io.opentelemetry.api.trace.SpanId.getInvalid());
    }
  }

  /** start -> t -> end; t's work item registers an {@code echo} job when it starts. */
  static WorkflowDefinition jobNet() {
    return oneItem(
        "jobbed",
        ctx ->
            ctx.registerScheduled(Duration.ZERO, Job.of("echo", ctx.workItem().id().toString())));
  }

  /** start -> t -> end; t initializes one work item, which runs {@code onStarted} when started. */
  static WorkflowDefinition oneItem(String name, Activity<WorkItemStartedContext> onStarted) {
    return Builder.workflow(name)
        .startCondition("start")
        .task(
            "t",
            Builder.task(Builder.workItem("item").onStarted(onStarted))
                .onEnabled(ctx -> ctx.workItem().initialize()))
        .endCondition("end")
        .connectCondition("start", to -> to.task("t"))
        .connectTask("t", to -> to.condition("end"))
        .build();
  }

  /** Starts the work item while the application's span {@code POST /start} is current. */
  @SuppressWarnings("try") // the scope is unused: making the caller's span current is the point
  static Span startUnderARequest(Otel otel, Tasquencer engine, UUID item) {
    Span request = otel.caller.spanBuilder("POST /start").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      engine.internal().startWorkItem(item, null);
    } finally {
      request.end();
    }
    return request;
  }

  /** The W3C traceparent of a span. */
  static String traceparent(io.opentelemetry.api.trace.SpanContext span) {
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }

  /** A worker whose {@code echo} handler completes the work item the job names. */
  static JobWorker echoWorker(Tasquencer engine) {
    return engine
        .jobWorker()
        .handler(
            "echo",
            JobHandler.external(
                String.class,
                (ctx, item) ->
                    ctx.engine()
                        .completeWorkItem(UUID.fromString(Objects.requireNonNull(item)), null)))
        .build();
  }

  @DbTest
  void aJobContinuesTheTraceOfTheCommandThatRegisteredIt(TestDatabase db) {
    try (Otel otel = new Otel()) {
      Tasquencer engine =
          db.engine(Tasquencer.builder().openTelemetry(otel.sdk).register(jobNet()));
      JobWorker worker = echoWorker(engine);
      UUID wf = engine.internal().initializeRootWorkflow("jobbed", null);
      UUID item = new Driver(engine, wf).wi("t").get(0).id();
      Span request = startUnderARequest(otel, engine, item);
      JobSnapshot job = engine.queries().jobsOwnedBy(item).get(0);
      SpanData start = otel.named("tasquencer startWorkItem");
      assertThat(job.traceContext())
          .as("the job keeps the W3C traceparent of the command that registered it")
          .isEqualTo(traceparent(start.getSpanContext()));

      assertThat(worker.runDue()).isEqualTo(1);

      SpanData run = otel.named("tasquencer job echo");
      assertThat(run.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
      assertThat(run.getParentSpanId()).isEqualTo(start.getSpanId());
      SpanData complete = otel.named("tasquencer completeWorkItem");
      assertThat(complete.getTraceId())
          .as("a command the job's handler makes joins the trace too")
          .isEqualTo(request.getSpanContext().getTraceId());
      assertThat(complete.getParentSpanId()).isEqualTo(run.getSpanId());
    }
  }

  @DbTest
  void anEngineWithoutTracingStillCarriesTheCallersTraceToItsJobs(TestDatabase db) {
    try (Otel otel = new Otel()) {
      Tasquencer engine = db.engine(jobNet()); // no openTelemetry(...): no spans of its own
      UUID wf = engine.internal().initializeRootWorkflow("jobbed", null);
      UUID item = new Driver(engine, wf).wi("t").get(0).id();
      Span request = startUnderARequest(otel, engine, item);

      assertThat(engine.queries().jobsOwnedBy(item).get(0).traceContext())
          .isEqualTo(traceparent(request.getSpanContext()));
      assertThat(otel.spans.getFinishedSpanItems())
          .as("the engine made no span")
          .extracting(SpanData::getName)
          .containsExactly("POST /start");
    }
  }

  @DbTest
  void withoutAnyTraceAJobStoresNoTraceContext(TestDatabase db) {
    Tasquencer engine = db.engine(jobNet());
    UUID wf = engine.internal().initializeRootWorkflow("jobbed", null);
    UUID item = new Driver(engine, wf).wi("t").get(0).id();
    engine.internal().startWorkItem(item, null);

    assertThat(engine.queries().jobsOwnedBy(item))
        .singleElement()
        .satisfies(j -> assertThat(j.traceContext()).as("no context is invented").isNull());
  }

  @DbTest
  void metersCountWhatCommittedByCommandWorkflowAndJob(TestDatabase db) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Tasquencer engine = db.engine(Tasquencer.builder().meterRegistry(meters).register(jobNet()));
    JobWorker worker = echoWorker(engine);
    UUID wf = engine.internal().initializeRootWorkflow("jobbed", null);
    UUID item = new Driver(engine, wf).wi("t").get(0).id();
    engine.internal().startWorkItem(item, null);
    assertThatThrownBy(() -> engine.internal().startWorkItem(item, null))
        .as("a work item starts once");
    assertThat(meters.get("tasquencer.jobs.due").gauge().value()).isEqualTo(1);
    assertThat(worker.runDue()).isEqualTo(1);

    assertThat(
            meters
                .get("tasquencer.commands")
                .tags("command", "startWorkItem", "outcome", "committed")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("tasquencer.commands")
                .tags("command", "startWorkItem", "outcome", "rolled_back")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("tasquencer.workflow.instances")
                .tags("workflow", "jobbed", "version", "v1", "state", "completed")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("tasquencer.work_item.duration")
                .tags("workflow", "jobbed", "task", "t", "state", "completed")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("tasquencer.task.duration")
                .tags("workflow", "jobbed", "task", "t", "state", "completed")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("tasquencer.jobs.lag").tags("handler", "echo").timer().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("tasquencer.jobs.runs")
                .tags("handler", "echo", "outcome", "done")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("tasquencer.jobs.dead").gauge().value()).isZero();
  }

  @DbTest
  void aRolledBackCallCountsNoInstance(TestDatabase db) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    WorkflowDefinition refusing =
        Builder.workflow("refusing")
            .startCondition("start")
            .task("t", Nets.autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("t"))
            .connectTask("t", to -> to.condition("end"))
            .onInitialized(
                ctx -> {
                  throw new IllegalStateException("no, not today");
                })
            .build();
    Tasquencer engine = db.engine(Tasquencer.builder().meterRegistry(meters).register(refusing));

    assertThatThrownBy(() -> engine.internal().initializeRootWorkflow("refusing", null))
        .hasMessage("no, not today");

    assertThat(meters.find("tasquencer.workflow.instances").counters())
        .as("the instance was rolled back: nothing to count")
        .isEmpty();
    assertThat(
            meters
                .get("tasquencer.commands")
                .tags("command", "initializeRootWorkflow", "outcome", "rolled_back")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @DbTest
  void aRetriedConflictIsAWarningAndASpanEvent(TestDatabase db) {
    Logger engineLog =
        (Logger) LoggerFactory.getLogger("dev.tasquencer.internal.runtime.EngineCore");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    engineLog.addAppender(logged);
    var dataSource = new CountingDataSource(db.dataSource());
    try (Otel otel = new Otel();
        Tasquencer engine =
            Tasquencer.builder()
                .dataSource(dataSource)
                .openTelemetry(otel.sdk)
                .register(Nets.singleTask("w"))
                .build()) {
      dataSource.failNextCommit.set(
          new SQLException("could not serialize access (simulated conflict)", "40001"));

      engine.internal().initializeRootWorkflow("w", null);

      assertThat(logged.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getFormattedMessage())
                      .startsWith(
                          "initializeRootWorkflow conflicted with a concurrent call (attempt 1 of"));
      SpanData init = otel.named("tasquencer initializeRootWorkflow");
      assertThat(init.getAttributes().get(ATTEMPTS)).isEqualTo(2L);
      assertThat(init.getAttributes().get(OUTCOME)).isEqualTo("committed");
      assertThat(init.getEvents()).extracting(e -> e.getName()).containsExactly("conflict");
    } finally {
      engineLog.detachAppender(logged);
    }
  }
}
