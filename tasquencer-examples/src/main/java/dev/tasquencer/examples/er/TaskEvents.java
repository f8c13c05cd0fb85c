package dev.tasquencer.examples.er;

import dev.tasquencer.api.Activity;
import dev.tasquencer.api.context.TaskActivityContext;
import dev.tasquencer.builder.CompositeTaskBuilder;
import dev.tasquencer.builder.DummyTaskBuilder;
import dev.tasquencer.builder.TaskBuilder;

/**
 * Writes the journey's timeline: every task of every level appends a row when it completes, fails,
 * is canceled or is withdrawn. The demo's per-task counts are read from it.
 */
final class TaskEvents {
  static final String COMPLETED = "completed";
  static final String FAILED = "failed";
  static final String CANCELED = "canceled";
  static final String WITHDRAWN = "withdrawn";

  private final ErDomain domain;

  TaskEvents(ErDomain domain) {
    this.domain = domain;
  }

  <C extends TaskActivityContext> Activity<C> log(String event) {
    return ctx ->
        domain.logTaskEvent(
            ctx.db(),
            ctx.parent().rootWorkflowId(),
            ctx.parent().workflowId(),
            ctx.parent().workflowName(),
            ctx.task().name(),
            ctx.task().generation(),
            event,
            ctx.now());
  }

  /** The task with its end hooks logging (the task must not set them itself). */
  TaskBuilder track(TaskBuilder task) {
    return task.onCompleted(log(COMPLETED))
        .onFailed(log(FAILED))
        .onCanceled(log(CANCELED))
        .onDisabled(log(WITHDRAWN));
  }

  CompositeTaskBuilder track(CompositeTaskBuilder task) {
    return task.onCompleted(log(COMPLETED))
        .onFailed(log(FAILED))
        .onCanceled(log(CANCELED))
        .onDisabled(log(WITHDRAWN));
  }

  DummyTaskBuilder track(DummyTaskBuilder task) {
    return task.onCompleted(log(COMPLETED));
  }
}
