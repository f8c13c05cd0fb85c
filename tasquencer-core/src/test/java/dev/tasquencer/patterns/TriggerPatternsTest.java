package dev.tasquencer.patterns;

import static dev.tasquencer.patterns.Patterns.dummy;
import static dev.tasquencer.testing.Nets.autoInit;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.TaskStats;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.ConstraintViolationException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Driver;
import dev.tasquencer.testing.TestDatabase;

/**
 * Trigger patterns: WCP-23 Transient Trigger and WCP-24 Persistent Trigger. There is no signal
 * construct; a signal is an external call that creates a work item of the receiving task by name
 * ({@code initializeWorkItem}, allowed to outside callers by a custom initialize action). The item
 * starts and completes itself (auto-triggers), so the signal alone makes the task proceed.
 */
class TriggerPatternsTest {

  /** A signal from the environment. */
  record Signal(String name) {}

  /** A task without work items of its own, driven by signals from outside callers. */
  static TaskBuilder signalReceiver() {
    var signal =
        Builder.workItem("signal")
            .withActions(Builder.workItemActions().initialize(Signal.class, (ctx, s) -> {}))
            .onInitialized(ctx -> ctx.workItem().start())
            .onStarted(ctx -> ctx.workItem().complete());
    return Builder.task(signal);
  }

  /**
   * WCP-23 Transient Trigger: "a task waits for a signal; a signal that arrives while nothing is
   * waiting for it is lost." T waits for a signal once A completed. A signal sent earlier is
   * refused (the task is not enabled) and leaves no trace, so T still waits after A; the next
   * signal completes it.
   */
  @DbTest
  void wcp23TransientTrigger(TestDatabase db) {
    var def =
        Builder.workflow("transientTrigger")
            .startCondition("start")
            .task("A", autoInit())
            .task("T", signalReceiver())
            .task("B", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.task("T"))
            .connectTask("T", to -> to.task("B"))
            .connectTask("B", to -> to.condition("end"))
            .build();
    var d = Driver.start(db.engine(def), "transientTrigger");
    assertThatThrownBy(() -> d.engine.initializeWorkItem(d.id, "T", new Signal("early")))
        .isInstanceOf(ConstraintViolationException.class);
    assertThat(d.q().stats(d.id, "T")).isEqualTo(TaskStats.EMPTY);

    d.fire("A");
    assertThat(d.task("T")).as("the early signal was lost").isEqualTo(TaskState.ENABLED);
    assertThat(d.wi("T")).isEmpty();

    d.engine.initializeWorkItem(d.id, "T", new Signal("go"));
    assertThat(d.task("T")).isEqualTo(TaskState.COMPLETED);
    assertThat(d.enabled()).containsExactly("B");

    assertThatThrownBy(() -> d.engine.initializeWorkItem(d.id, "T", new Signal("late")))
        .isInstanceOf(ConstraintViolationException.class);
    assertThat(d.q().stats(d.id, "T")).isEqualTo(new TaskStats(1, 0, 0, 1, 0, 0));
  }

  /**
   * WCP-24 Persistent Trigger: "a signal is kept until the receiving task is enabled and consumes
   * it." The receiver R is enabled for the whole case (it returns its own input "listening") and
   * turns every signal into a token of "signals"; T AND-joins that condition with its thread. A
   * signal sent before T's thread arrives is kept and consumed later; two signals are two tokens.
   */
  @DbTest
  void wcp24PersistentTrigger(TestDatabase db) {
    var def =
        Builder.workflow("persistentTrigger")
            .startCondition("start")
            .condition("listening")
            .condition("signals")
            .dummyTask("I", dummy())
            .task("R", signalReceiver())
            .task("A", autoInit())
            .task("T", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("I"))
            .connectTask("I", to -> to.condition("listening").task("A"))
            .connectCondition("listening", to -> to.task("R"))
            .connectTask("R", to -> to.condition("listening").condition("signals"))
            .connectTask("A", to -> to.task("T"))
            .connectCondition("signals", to -> to.task("T"))
            .connectTask("T", to -> to.condition("end"))
            .build();
    var engine = db.engine(def);

    var early = Driver.start(engine, "persistentTrigger");
    assertThat(early.enabled()).containsExactly("R", "A");
    engine.initializeWorkItem(early.id, "R", new Signal("first"));
    engine.initializeWorkItem(early.id, "R", new Signal("second"));
    assertThat(early.marked())
        .containsOnly(entry("listening", 1), entry("signals", 2), entry("I__to__A", 1));
    assertThat(early.task("T")).as("its thread has not arrived").isEqualTo(TaskState.DISABLED);
    early.fire("A");
    assertThat(early.enabled()).containsExactly("R", "T");
    early.fire("T");
    assertThat(early.state()).isEqualTo(WorkflowState.COMPLETED);
    assertThat(early.marked()).containsEntry("signals", 1);
    assertThat(early.task("R")).isEqualTo(TaskState.DISABLED);

    var late = Driver.start(engine, "persistentTrigger");
    late.fire("A");
    assertThat(late.task("T")).as("waits for a signal").isEqualTo(TaskState.DISABLED);
    engine.initializeWorkItem(late.id, "R", new Signal("now"));
    assertThat(late.enabled()).containsExactly("R", "T");
    late.fire("T");
    assertThat(late.state()).isEqualTo(WorkflowState.COMPLETED);
  }
}
