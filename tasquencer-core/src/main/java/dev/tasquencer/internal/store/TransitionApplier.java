package dev.tasquencer.internal.store;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.internal.lifecycle.AllocationEvent;
import dev.tasquencer.internal.lifecycle.AppliedTransition;
import dev.tasquencer.internal.lifecycle.ConditionEvent;
import dev.tasquencer.internal.lifecycle.ConditionState;
import dev.tasquencer.internal.lifecycle.ElementKind;
import dev.tasquencer.internal.lifecycle.Lifecycles;
import dev.tasquencer.internal.lifecycle.TaskEvent;
import dev.tasquencer.internal.lifecycle.TransitionObserver;
import dev.tasquencer.internal.lifecycle.TransitionTable;
import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import dev.tasquencer.internal.lifecycle.WorkflowEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Applies transitions to rows: the one place where the state of a workflow, task, work item or
 * allocation row, or the marking of a condition, changes. Each change is looked up in its table in
 * {@link Lifecycles} (an event its state does not allow raises the element's typed error), written
 * to the row together with the counters it moves (a work item's in its task generation, a child
 * workflow's in its composite task generation), and reported to the call's {@link
 * TransitionObserver}s. The rows' state setters are package-private, and only this class calls
 * them.
 *
 * <p>The element passed with each event names it in error messages; it is formatted only when an
 * error is raised.
 */
public final class TransitionApplier {
  private final Session session;
  private List<TransitionObserver> observers;
  private boolean shared;

  TransitionApplier(Session session, List<TransitionObserver> observers) {
    this.session = session;
    this.observers = observers;
    this.shared = true;
  }

  /** Adds an observer for the rest of this call (after the engine's own observers). */
  public void observe(TransitionObserver observer) {
    if (shared) {
      observers = new ArrayList<>(observers);
      shared = false;
    }
    observers.add(observer);
  }

  // ---------------------------------------------------------------- workflows

  /**
   * Reports a workflow created by {@link Session#newWorkflow}; a child workflow is counted in its
   * composite task's generation {@code parentGeneration} (null for a root).
   */
  public void workflowCreated(
      WorkflowRow row, @Nullable TaskGenerationRow parentGeneration, Origin origin) {
    TransitionTable.Entry<WorkflowState, WorkflowEvent> e =
        Lifecycles.WORKFLOW.creation(WorkflowEvent.INITIALIZE);
    if (parentGeneration != null) {
      parentGeneration.childCreated();
    }
    report(
        ElementKind.WORKFLOW, row.rootId, row.id, null, 0, null, null, e.to(), e.event(), origin);
  }

  /**
   * Applies {@code event} to a workflow. A child workflow moves between the counters of its
   * composite task's generation {@code parentGeneration} (null for a root).
   */
  public void workflow(
      WorkflowRow row,
      WorkflowEvent event,
      Object element,
      @Nullable TaskGenerationRow parentGeneration,
      Origin origin,
      Instant now) {
    WorkflowState from = row.state();
    WorkflowState to = Lifecycles.WORKFLOW.check(element, from, event);
    row.setState(to, now);
    if (parentGeneration != null) {
      parentGeneration.childMoved(from, to);
    }
    report(ElementKind.WORKFLOW, row.rootId, row.id, null, 0, null, from, to, event, origin);
  }

  // ---------------------------------------------------------------- tasks

  /**
   * Enables a task as a new generation and returns that generation's (empty) counters; the
   * generation it replaces is archived.
   */
  public TaskGenerationRow enableTask(TaskRow row, Object element, Origin origin, Instant now) {
    TaskState from = row.state();
    TaskState to = Lifecycles.TASK.check(element, from, TaskEvent.ENABLE);
    int generation = row.generation() + 1;
    row.setEnabled(to, generation);
    TaskGenerationRow counters = session.newGeneration(row, generation, now);
    report(
        ElementKind.TASK,
        row.rootId,
        row.workflowId,
        row.name,
        generation,
        null,
        from,
        to,
        TaskEvent.ENABLE,
        origin);
    return counters;
  }

  /** Applies {@code event} (any but {@link TaskEvent#ENABLE}) to a task's current generation. */
  public void task(TaskRow row, TaskEvent event, Object element, Origin origin) {
    if (event == TaskEvent.ENABLE) {
      throw new IllegalArgumentException("a task is enabled with enableTask, as a new generation");
    }
    TaskState from = row.state();
    TaskState to = Lifecycles.TASK.check(element, from, event);
    row.setState(to);
    report(
        ElementKind.TASK,
        row.rootId,
        row.workflowId,
        row.name,
        row.generation(),
        null,
        from,
        to,
        event,
        origin);
  }

  // ---------------------------------------------------------------- work items

  /**
   * Reports a work item created by {@link Session#newWorkItem} and counts it in its task generation
   * {@code generation}.
   */
  public void workItemCreated(WorkItemRow row, TaskGenerationRow generation, Origin origin) {
    TransitionTable.Entry<WorkItemState, WorkItemEvent> e =
        Lifecycles.WORK_ITEM.creation(WorkItemEvent.INITIALIZE);
    generation.childCreated();
    report(
        ElementKind.WORK_ITEM,
        row.rootId,
        row.workflowId,
        row.taskName,
        row.taskGeneration,
        row.id,
        null,
        e.to(),
        e.event(),
        origin);
  }

  /** Applies {@code event} to a work item, moving it between its generation's counters. */
  public void workItem(
      WorkItemRow row,
      TaskGenerationRow generation,
      WorkItemEvent event,
      Object element,
      Origin origin,
      Instant now) {
    WorkItemState from = row.state();
    WorkItemState to = Lifecycles.WORK_ITEM.check(element, from, event);
    row.setState(to, now);
    generation.childMoved(from, to);
    report(
        ElementKind.WORK_ITEM,
        row.rootId,
        row.workflowId,
        row.taskName,
        row.taskGeneration,
        row.id,
        from,
        to,
        event,
        origin);
  }

  // ---------------------------------------------------------------- allocations

  /** Reports an allocation created by {@link Session#newAllocation} (the offer). */
  public void allocationCreated(AllocationRow row, Origin origin) {
    TransitionTable.Entry<AllocationState, AllocationEvent> e =
        Lifecycles.ALLOCATION.creation(AllocationEvent.OFFER);
    reportAllocation(row, null, e.to(), e.event(), origin);
  }

  /**
   * Applies {@code event} to an allocation: a claim or delegation gives it to {@code claimant}, a
   * release takes the claim away, a close keeps the last claimant.
   */
  public void allocation(
      AllocationRow row,
      AllocationEvent event,
      @Nullable Actor claimant,
      Object element,
      Origin origin,
      Instant now) {
    AllocationState from = row.state();
    AllocationState to = Lifecycles.ALLOCATION.check(element, from, event);
    switch (event) {
      case CLAIM, DELEGATE ->
          row.setState(
              to, Objects.requireNonNull(claimant, "a claim names its claimant"), now, now);
      case RELEASE -> row.setState(to, null, null, now);
      case CLOSE, OFFER -> row.setState(to, row.claimant(), row.claimedAt(), now);
      case ESCALATE ->
          throw new IllegalArgumentException(
              "an escalation names its new offer: apply it with escalate (a bug of the engine)");
    }
    reportAllocation(row, from, to, event, origin);
  }

  /**
   * Escalates an allocation: it is offered as {@code offer} from now on (its targets replaced at
   * flush), its state and claim as they were.
   */
  public void escalate(AllocationRow row, Offer offer, Object element, Origin origin, Instant now) {
    AllocationState from = row.state();
    AllocationState to = Lifecycles.ALLOCATION.check(element, from, AllocationEvent.ESCALATE);
    row.setOffer(offer, now);
    session.replaceOfferTargets(row);
    row.setState(to, row.claimant(), row.claimedAt(), now);
    reportAllocation(row, from, to, AllocationEvent.ESCALATE, origin);
  }

  private void reportAllocation(
      AllocationRow row,
      @Nullable AllocationState from,
      AllocationState to,
      AllocationEvent event,
      Origin origin) {
    report(
        ElementKind.ALLOCATION,
        row.rootId,
        row.workflowId,
        row.taskName,
        row.taskGeneration,
        row.workItemId,
        from,
        to,
        event,
        origin);
  }

  // ---------------------------------------------------------------- conditions

  /** Reports the tokens a new condition starts with (the start condition's one token). */
  public void conditionCreated(ConditionRow row, Origin origin) {
    if (row.marking() > 0) {
      reportMarking(row, 0, ConditionEvent.PRODUCE, origin);
    }
  }

  /** Sets a condition's marking (never below 0) and reports a change. */
  public void marking(ConditionRow row, int marking, ConditionEvent event, Origin origin) {
    int from = row.marking();
    row.setMarking(marking);
    if (row.marking() != from) {
      reportMarking(row, from, event, origin);
    }
  }

  private void reportMarking(ConditionRow row, int from, ConditionEvent event, Origin origin) {
    if (observers.isEmpty()) {
      return;
    }
    tell(
        new AppliedTransition(
            ElementKind.CONDITION,
            row.rootId,
            row.workflowId,
            row.name,
            row.marking(),
            null,
            ConditionState.of(from),
            ConditionState.of(row.marking()),
            event,
            origin,
            from));
  }

  // ---------------------------------------------------------------- observers

  private void report(
      ElementKind kind,
      UUID rootId,
      UUID workflowId,
      @Nullable String task,
      int generation,
      @Nullable UUID workItemId,
      @Nullable Enum<?> from,
      Enum<?> to,
      Enum<?> event,
      Origin origin) {
    if (observers.isEmpty()) {
      return;
    }
    tell(
        new AppliedTransition(
            kind, rootId, workflowId, task, generation, workItemId, from, to, event, origin, 0));
  }

  private void tell(AppliedTransition t) {
    for (TransitionObserver o : observers) {
      o.applied(t);
    }
  }
}
