package dev.tasquencer.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.lifecycle.AppliedTransition;
import dev.tasquencer.internal.lifecycle.ElementKind;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The one seam that hears every applied transition: each state change of a workflow, task or work
 * item (creations included) reaches the engine's observers once, in the order it was applied, with
 * the element's ids and who caused it: the application's command, an activity's request, or the
 * engine following up on its own.
 */
class TransitionObserverTest {

  /** Work items that external calls may start, complete and cancel (custom actions). */
  static final WorkItemBuilder ITEM =
      Builder.workItem("item")
          .withActions(
              Builder.workItemActions()
                  .start(Void.class, (ctx, p) -> {})
                  .complete(Void.class, (ctx, p) -> {})
                  .cancel(Void.class, (ctx, p) -> {}));

  /** start -> A -> end; A creates two work items when enabled. */
  static WorkflowDefinition twoItems() {
    return Nets.oneTask(
            "observed",
            "A",
            Builder.task(ITEM)
                .onEnabled(
                    ctx -> {
                      ctx.workItem().initialize();
                      ctx.workItem().initialize();
                    }))
        .withActions(Builder.workflowActions().initialize(Void.class, (ctx, p) -> {}))
        .build();
  }

  /** Records what an engine's observer hears, one line per transition. */
  static final class Recorder {
    final List<AppliedTransition> heard = new ArrayList<>();

    Recorder(Tasquencer engine) {
      ((DefaultTasquencer) engine).core().observe(heard::add);
    }

    /**
     * The lines heard since the last call, e.g. {@code "TASK A#1 enable disabled->enabled ENGINE"},
     * without the markings of conditions.
     */
    List<String> take() {
      List<String> out =
          heard.stream()
              .filter(t -> t.kind() != ElementKind.CONDITION)
              .map(Recorder::line)
              .toList();
      heard.clear();
      return out;
    }

    /** Every line heard since the last call, markings included. */
    List<String> takeAll() {
      List<String> out = heard.stream().map(Recorder::line).toList();
      heard.clear();
      return out;
    }

    static String line(AppliedTransition t) {
      String element =
          switch (t.kind()) {
            case WORKFLOW -> "WORKFLOW";
            case TASK -> "TASK " + t.task() + "#" + t.generation();
            case WORK_ITEM -> "WORK_ITEM " + t.task() + "#" + t.generation();
            case CONDITION -> "CONDITION " + t.condition() + "=" + t.marking();
            default -> t.kind().name();
          };
      return element
          + " "
          + lower(t.event())
          + " "
          + (t.from() == null ? "" : lower(t.from()))
          + "->"
          + lower(t.to())
          + " "
          + t.origin();
    }

    static String lower(Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
  }

  @DbTest
  void everyTransitionOfARunIsHeardOnceWithWhoCausedIt(TestDatabase db) {
    Tasquencer engine = db.engine(twoItems());
    Recorder rec = new Recorder(engine);

    UUID wf = engine.initializeRootWorkflow("observed", null);
    assertThat(rec.take())
        .containsExactly(
            "WORKFLOW initialize ->initialized EXTERNAL",
            "TASK A#1 enable disabled->enabled ENGINE",
            "WORK_ITEM A#1 initialize ->initialized INTERNAL",
            "WORK_ITEM A#1 initialize ->initialized INTERNAL");
    List<UUID> items = engine.queries().workItems(wf, "A").stream().map(w -> w.id()).toList();

    engine.startWorkItem(items.get(0), null);
    assertThat(rec.take())
        .as("the task and its workflow start first, on the engine's account")
        .containsExactly(
            "WORKFLOW start initialized->started ENGINE",
            "TASK A#1 start enabled->started ENGINE",
            "WORK_ITEM A#1 start initialized->started EXTERNAL");

    engine.completeWorkItem(items.get(0), null);
    assertThat(rec.take())
        .as("one work item is still live: the task continues")
        .containsExactly("WORK_ITEM A#1 complete started->completed EXTERNAL");

    engine.internal().cancelWorkItem(items.get(1), null);
    assertThat(rec.take())
        .as("the policy completes the task, the end condition completes the workflow")
        .containsExactly(
            "WORK_ITEM A#1 cancel initialized->canceled INTERNAL",
            "TASK A#1 complete started->completed ENGINE",
            "WORKFLOW complete started->completed ENGINE");
  }

  @DbTest
  void theIdsOfEachElementAreReported(TestDatabase db) {
    Tasquencer engine = db.engine(twoItems());
    Recorder rec = new Recorder(engine);
    UUID wf = engine.initializeRootWorkflow("observed", null);
    UUID item = engine.queries().workItems(wf, "A").get(0).id();
    rec.take();

    engine.startWorkItem(item, null);
    AppliedTransition started = rec.heard.get(rec.heard.size() - 1);
    assertThat(started.kind()).isEqualTo(ElementKind.WORK_ITEM);
    assertThat(started.workItemId()).isEqualTo(item);
    assertThat(started.workflowId()).isEqualTo(wf);
    assertThat(started.rootId()).isEqualTo(wf);
    AppliedTransition workflow = rec.heard.get(0);
    assertThat(workflow.kind()).isEqualTo(ElementKind.WORKFLOW);
    assertThat(workflow.task()).isNull();
    assertThat(workflow.workItemId()).isNull();
    assertThat(workflow.generation()).isZero();
    AppliedTransition task = rec.heard.get(1);
    assertThat(task.kind()).isEqualTo(ElementKind.TASK);
    assertThat(task.workItemId()).isNull();
  }

  @DbTest
  void teardownCancellationsAreHeardAsTheEnginesAfterTheCommandThatCausedThem(TestDatabase db) {
    Tasquencer engine = db.engine(twoItems());
    Recorder rec = new Recorder(engine);
    UUID wf = engine.initializeRootWorkflow("observed", null);
    UUID item = engine.queries().workItems(wf, "A").get(0).id();
    engine.startWorkItem(item, null);
    rec.take();

    engine.internal().cancelWorkflow(wf, null);
    assertThat(rec.take())
        .containsExactly(
            "WORKFLOW cancel started->canceled INTERNAL",
            "TASK A#1 cancel started->canceled ENGINE",
            "WORK_ITEM A#1 cancel started->canceled ENGINE",
            "WORK_ITEM A#1 cancel initialized->canceled ENGINE");
  }

  @DbTest
  void aRequestOfAnActivityIsTheEnginesFollowUp(TestDatabase db) {
    WorkflowDefinition def =
        Nets.oneTask(
                "auto",
                "A",
                Builder.task(
                        Builder.workItem("self-starting")
                            .onInitialized(ctx -> ctx.workItem().start()))
                    .onEnabled(ctx -> ctx.workItem().initialize()))
            .build();
    Tasquencer engine = db.engine(def);
    Recorder rec = new Recorder(engine);

    engine.internal().initializeRootWorkflow("auto", null);
    assertThat(rec.take())
        .containsExactly(
            "WORKFLOW initialize ->initialized INTERNAL",
            "TASK A#1 enable disabled->enabled ENGINE",
            "WORK_ITEM A#1 initialize ->initialized INTERNAL",
            "WORKFLOW start initialized->started ENGINE",
            "TASK A#1 start enabled->started ENGINE",
            "WORK_ITEM A#1 start initialized->started ENGINE");
  }

  @DbTest
  void everyChangeOfAMarkingIsHeardWithTheTransitionThatMadeIt(TestDatabase db) {
    Tasquencer engine = db.engine(twoItems());
    Recorder rec = new Recorder(engine);
    UUID wf = engine.initializeRootWorkflow("observed", null);
    assertThat(rec.takeAll())
        .containsExactly(
            "WORKFLOW initialize ->initialized EXTERNAL",
            "CONDITION start=1 produce empty->marked EXTERNAL",
            "TASK A#1 enable disabled->enabled ENGINE",
            "WORK_ITEM A#1 initialize ->initialized INTERNAL",
            "WORK_ITEM A#1 initialize ->initialized INTERNAL");
    List<UUID> items = engine.queries().workItems(wf, "A").stream().map(w -> w.id()).toList();

    engine.startWorkItem(items.get(0), null);
    assertThat(rec.takeAll())
        .as("the task's start consumes its input token")
        .containsExactly(
            "WORKFLOW start initialized->started ENGINE",
            "TASK A#1 start enabled->started ENGINE",
            "CONDITION start=0 consume marked->empty ENGINE",
            "WORK_ITEM A#1 start initialized->started EXTERNAL");

    engine.completeWorkItem(items.get(0), null);
    rec.takeAll();
    engine.internal().cancelWorkItem(items.get(1), null);
    assertThat(rec.takeAll())
        .as("the task's completion marks the end condition, which completes the workflow")
        .containsExactly(
            "WORK_ITEM A#1 cancel initialized->canceled INTERNAL",
            "TASK A#1 complete started->completed ENGINE",
            "CONDITION end=1 produce empty->marked ENGINE",
            "WORKFLOW complete started->completed ENGINE");
  }

  @DbTest
  void aRefusedTransitionIsNotHeard(TestDatabase db) {
    Tasquencer engine = db.engine(twoItems());
    Recorder rec = new Recorder(engine);
    UUID wf = engine.initializeRootWorkflow("observed", null);
    UUID item = engine.queries().workItems(wf, "A").get(0).id();
    rec.take();

    assertThatThrownBy(() -> engine.completeWorkItem(item, null))
        .isInstanceOf(WorkItemInvalidStateException.class);
    assertThat(rec.take()).isEmpty();
  }
}
