package dev.tasquencer.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasquencer.api.JobState;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.api.error.TaskInvalidStateException;
import dev.tasquencer.api.error.WorkItemInvalidStateException;
import dev.tasquencer.api.error.WorkflowInvalidStateException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transition tables in {@link Lifecycles} are the documented state machines (tasquencer-core.md
 * section 2, with D4: every transition guarded, D11 and D15 adding no edges), checked for every
 * (state, transition) pair: allowed exactly on a documented edge, and otherwise refused with the
 * typed error naming the element, its state and the states the transition is allowed from.
 */
class LifecycleTest {

  /** One documented edge of a state machine; {@code transition} names its event. */
  record Edge<S extends Enum<S>>(S from, String transition, S to) {}

  static <S extends Enum<S>> Edge<S> edge(S from, String transition, S to) {
    return new Edge<>(from, transition, to);
  }

  /** The event of a table named {@code transition} in messages. */
  static <E extends Enum<E>> E event(TransitionTable<?, E> table, String transition) {
    return Enum.valueOf(table.events(), transition.toUpperCase(Locale.ROOT));
  }

  /** The names of the events of a table that move an element (not the creating ones). */
  static Set<String> moving(TransitionTable<?, ?> table) {
    Set<String> out = new LinkedHashSet<>();
    for (TransitionTable.Entry<?, ?> e : table.entries()) {
      if (!e.creates()) {
        out.add(e.event().name().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  static <S extends Enum<S>, E extends Enum<E>> boolean allows(
      TransitionTable<S, E> table, S state, String transition) {
    return table.allows(state, event(table, transition));
  }

  /** Section 2.1 (initialized -> canceled is allowed). */
  static final List<Edge<WorkflowState>> WORKFLOW =
      List.of(
          edge(WorkflowState.INITIALIZED, "start", WorkflowState.STARTED),
          edge(WorkflowState.STARTED, "complete", WorkflowState.COMPLETED),
          edge(WorkflowState.STARTED, "fail", WorkflowState.FAILED),
          edge(WorkflowState.INITIALIZED, "cancel", WorkflowState.CANCELED),
          edge(WorkflowState.STARTED, "cancel", WorkflowState.CANCELED));

  /** Section 2.2, validTaskTransitions (every final state and disabled may be enabled again). */
  static final List<Edge<TaskState>> TASK =
      List.of(
          edge(TaskState.DISABLED, "enable", TaskState.ENABLED),
          edge(TaskState.ENABLED, "disable", TaskState.DISABLED),
          edge(TaskState.ENABLED, "start", TaskState.STARTED),
          edge(TaskState.ENABLED, "cancel", TaskState.CANCELED),
          edge(TaskState.STARTED, "complete", TaskState.COMPLETED),
          edge(TaskState.STARTED, "fail", TaskState.FAILED),
          edge(TaskState.STARTED, "cancel", TaskState.CANCELED),
          edge(TaskState.COMPLETED, "enable", TaskState.ENABLED),
          edge(TaskState.FAILED, "enable", TaskState.ENABLED),
          edge(TaskState.CANCELED, "enable", TaskState.ENABLED));

  /** Section 2.3 (reset: started -> initialized; cancel also from initialized). */
  static final List<Edge<WorkItemState>> WORK_ITEM =
      List.of(
          edge(WorkItemState.INITIALIZED, "start", WorkItemState.STARTED),
          edge(WorkItemState.STARTED, "complete", WorkItemState.COMPLETED),
          edge(WorkItemState.STARTED, "fail", WorkItemState.FAILED),
          edge(WorkItemState.STARTED, "reset", WorkItemState.INITIALIZED),
          edge(WorkItemState.INITIALIZED, "cancel", WorkItemState.CANCELED),
          edge(WorkItemState.STARTED, "cancel", WorkItemState.CANCELED));

  /**
   * The jobs of docs/jobs.md: claimed when due (or again when their worker's lease expired), done,
   * pending again or dead after a failure, canceled with their owner (waiting, or found by the
   * worker about to run them), and run again on request when dead or canceled.
   */
  static final List<Edge<JobState>> JOB =
      List.of(
          edge(JobState.PENDING, "claim", JobState.RUNNING),
          edge(JobState.RUNNING, "reclaim", JobState.RUNNING),
          edge(JobState.RUNNING, "succeed", JobState.DONE),
          edge(JobState.RUNNING, "retry", JobState.PENDING),
          edge(JobState.RUNNING, "die", JobState.DEAD),
          edge(JobState.PENDING, "cancel", JobState.CANCELED),
          edge(JobState.RUNNING, "discard", JobState.CANCELED),
          edge(JobState.DEAD, "requeue", JobState.PENDING),
          edge(JobState.CANCELED, "requeue", JobState.PENDING));

  static <S extends Enum<S>> Set<String> names(List<Edge<S>> edges) {
    Set<String> out = new LinkedHashSet<>();
    edges.forEach(e -> out.add(e.transition()));
    return out;
  }

  static <S extends Enum<S>> boolean documented(List<Edge<S>> edges, S from, String t) {
    return edges.stream().anyMatch(e -> e.from() == from && e.transition().equals(t));
  }

  static <S extends Enum<S>> List<String> allowedFrom(List<Edge<S>> edges, String t) {
    return edges.stream()
        .filter(e -> e.transition().equals(t))
        .map(Edge::from)
        .sorted()
        .map(s -> s.name().toLowerCase(Locale.ROOT))
        .toList();
  }

  static <S extends Enum<S>> Stream<Arguments> pairs(S[] states, List<Edge<S>> edges) {
    return Arrays.stream(states).flatMap(s -> names(edges).stream().map(t -> Arguments.of(s, t)));
  }

  static Stream<Arguments> workflowPairs() {
    return pairs(WorkflowState.values(), WORKFLOW);
  }

  static Stream<Arguments> taskPairs() {
    return pairs(TaskState.values(), TASK);
  }

  static Stream<Arguments> workItemPairs() {
    return pairs(WorkItemState.values(), WORK_ITEM);
  }

  static Stream<Arguments> jobPairs() {
    return pairs(JobState.values(), JOB);
  }

  /** The check passes on a documented edge and otherwise throws the typed, descriptive error. */
  static <S extends Enum<S>> void checkGuard(
      List<Edge<S>> edges,
      S state,
      String transition,
      boolean allows,
      Executable check,
      Class<? extends InvalidStateTransitionException> error,
      String kind,
      String element) {
    boolean expected = documented(edges, state, transition);
    assertThat(allows).as("%s allows %s from %s", kind, transition, state).isEqualTo(expected);
    if (expected) {
      assertThatCode(check::execute).doesNotThrowAnyException();
      return;
    }
    Throwable thrown = catchThrowable(check::execute);
    assertThat(thrown).isExactlyInstanceOf(error);
    InvalidStateTransitionException e = (InvalidStateTransitionException) thrown;
    String current = state.name().toLowerCase(Locale.ROOT);
    List<String> from = allowedFrom(edges, transition);
    assertThat(e.elementKind()).isEqualTo(kind);
    assertThat(e.element()).isEqualTo(element);
    assertThat(e.currentState()).isEqualTo(current);
    assertThat(e.attempted()).isEqualTo(transition);
    assertThat(e.allowedFrom()).isEqualTo(from);
    assertThat(e.getMessage())
        .isEqualTo(
            kind
                + " "
                + element
                + " cannot "
                + transition
                + ": it is "
                + current
                + ", and "
                + transition
                + " is allowed only from "
                + from);
  }

  @ParameterizedTest(name = "workflow {0} --{1}-->")
  @MethodSource("workflowPairs")
  void workflowTransitions(WorkflowState state, String transition) {
    checkGuard(
        WORKFLOW,
        state,
        transition,
        allows(Lifecycles.WORKFLOW, state, transition),
        () -> Lifecycles.WORKFLOW.check("'w' 42", state, event(Lifecycles.WORKFLOW, transition)),
        WorkflowInvalidStateException.class,
        "workflow",
        "'w' 42");
  }

  @ParameterizedTest(name = "task {0} --{1}-->")
  @MethodSource("taskPairs")
  void taskTransitions(TaskState state, String transition) {
    checkGuard(
        TASK,
        state,
        transition,
        allows(Lifecycles.TASK, state, transition),
        () ->
            Lifecycles.TASK.check(
                "'A' of workflow 'w' 42", state, event(Lifecycles.TASK, transition)),
        TaskInvalidStateException.class,
        "task",
        "'A' of workflow 'w' 42");
  }

  @ParameterizedTest(name = "work item {0} --{1}-->")
  @MethodSource("workItemPairs")
  void workItemTransitions(WorkItemState state, String transition) {
    checkGuard(
        WORK_ITEM,
        state,
        transition,
        allows(Lifecycles.WORK_ITEM, state, transition),
        () ->
            Lifecycles.WORK_ITEM.check(
                "'review' 7 of task 'A'", state, event(Lifecycles.WORK_ITEM, transition)),
        WorkItemInvalidStateException.class,
        "work item",
        "'review' 7 of task 'A'");
  }

  @ParameterizedTest(name = "job {0} --{1}-->")
  @MethodSource("jobPairs")
  void jobTransitions(JobState state, String transition) {
    checkGuard(
        JOB,
        state,
        transition,
        allows(Lifecycles.JOB, state, transition),
        () -> Lifecycles.JOB.check("42", state, event(Lifecycles.JOB, transition)),
        InvalidStateTransitionException.class,
        "job",
        "42");
  }

  @Test
  void aJobIsRegisteredPendingAndEachEventLeadsToOneState() {
    assertThat(Lifecycles.JOB.creation(JobEvent.REGISTER).to()).isEqualTo(JobState.PENDING);
    assertThat(Lifecycles.JOB.to(JobEvent.REQUEUE)).isEqualTo(JobState.PENDING);
    assertThat(Lifecycles.JOB.allowedFrom(JobEvent.REQUEUE))
        .containsExactly(JobState.DEAD, JobState.CANCELED);
    assertThat(Lifecycles.JOB.eventsFrom(JobState.DONE)).as("done is terminal").isEmpty();
  }

  @Test
  void tablesNameExactlyTheDocumentedTransitions() {
    assertThat(moving(Lifecycles.JOB)).isEqualTo(names(JOB));
    assertThat(moving(Lifecycles.WORKFLOW)).isEqualTo(names(WORKFLOW));
    assertThat(moving(Lifecycles.TASK)).isEqualTo(names(TASK));
    assertThat(moving(Lifecycles.WORK_ITEM)).isEqualTo(names(WORK_ITEM));
  }

  @Test
  void transitionsLeadToTheDocumentedStates() {
    assertTargets(Lifecycles.WORKFLOW, WORKFLOW);
    assertTargets(Lifecycles.TASK, TASK);
    assertTargets(Lifecycles.WORK_ITEM, WORK_ITEM);
    assertTargets(Lifecycles.JOB, JOB);
  }

  static <S extends Enum<S>, E extends Enum<E>> void assertTargets(
      TransitionTable<S, E> table, List<Edge<S>> edges) {
    for (Edge<S> e : edges) {
      assertThat(table.check("x", e.from(), event(table, e.transition())))
          .as("target of %s from %s", e.transition(), e.from())
          .isEqualTo(e.to());
    }
    assertThat(table.entries().stream().filter(en -> !en.creates()).count())
        .as("entries of the %s table", table.kind())
        .isEqualTo(edges.size());
  }

  @Test
  void workflowsAndWorkItemsAreCreatedInitialized() {
    assertThat(Lifecycles.WORKFLOW.creation(WorkflowEvent.INITIALIZE).to())
        .isEqualTo(WorkflowState.INITIALIZED);
    assertThat(Lifecycles.WORK_ITEM.creation(WorkItemEvent.INITIALIZE).to())
        .isEqualTo(WorkItemState.INITIALIZED);
    assertThat(Lifecycles.WORKFLOW.allowedFrom(WorkflowEvent.INITIALIZE)).isEmpty();
    assertThat(catchThrowable(() -> Lifecycles.TASK.creation(TaskEvent.ENABLE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachNamedTransitionHasOneTargetState() {
    // a name is a transition only if every edge with that name ends in the same state
    for (List<? extends Edge<?>> edges : List.of(WORKFLOW, TASK, WORK_ITEM)) {
      for (Edge<?> e : edges) {
        List<Object> targets =
            edges.stream()
                .filter(o -> o.transition().equals(e.transition()))
                .map(o -> (Object) o.to())
                .toList();
        assertThat(targets).as("targets of %s", e.transition()).containsOnly(e.to());
      }
    }
  }

  @Test
  void finalStatesAreTerminalExceptThatTasksMayBeEnabledAgain() {
    for (WorkflowState s : WorkflowState.values()) {
      boolean stuck = Lifecycles.WORKFLOW.eventsFrom(s).isEmpty();
      assertThat(stuck).as("workflow %s is terminal", s).isEqualTo(s.isFinal());
    }
    for (WorkItemState s : WorkItemState.values()) {
      boolean stuck = Lifecycles.WORK_ITEM.eventsFrom(s).isEmpty();
      assertThat(stuck).as("work item %s is terminal", s).isEqualTo(s.isFinal());
    }
    assertThat(EnumSet.allOf(WorkflowState.class).stream().filter(WorkflowState::isFinal))
        .containsExactly(WorkflowState.COMPLETED, WorkflowState.FAILED, WorkflowState.CANCELED);
    assertThat(EnumSet.allOf(WorkItemState.class).stream().filter(WorkItemState::isFinal))
        .containsExactly(WorkItemState.COMPLETED, WorkItemState.FAILED, WorkItemState.CANCELED);
    for (TaskState s : EnumSet.of(TaskState.COMPLETED, TaskState.FAILED, TaskState.CANCELED)) {
      assertThat(Lifecycles.TASK.eventsFrom(s))
          .as("transitions of a %s task", s)
          .containsExactly(TaskEvent.ENABLE);
    }
    assertThat(EnumSet.allOf(TaskState.class).stream().filter(TaskState::isActive))
        .containsExactly(TaskState.ENABLED, TaskState.STARTED);
  }

  @Test
  void everyPublicElementKindHasTheInternalKindOfItsNameAndOnlyJobsAreNotInHistory() {
    for (ElementKind k : ElementKind.values()) {
      if (k == ElementKind.JOB) {
        assertThat(k.inHistory()).isNull();
        assertThat(k.id()).isEqualTo("job");
      } else {
        assertThat(k.inHistory()).isNotNull();
        assertThat(k.inHistory().name()).isEqualTo(k.name());
        assertThat(k.id()).isEqualTo(k.inHistory().id());
      }
    }
    assertThat(Arrays.stream(ElementKind.values()).map(ElementKind::inHistory))
        .containsAll(EnumSet.allOf(dev.tasquencer.api.ElementKind.class));
  }
}
