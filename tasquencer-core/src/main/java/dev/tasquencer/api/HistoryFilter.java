package dev.tasquencer.api;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which events of a root's history a query returns; {@link #ALL} returns every event. Each {@code
 * with...} method returns a copy with one more condition; an event must meet all of them.
 *
 * <pre>{@code
 * HistoryFilter.ALL.withWorkItem(id)                     // one work item's events
 * HistoryFilter.ALL.withActor(Actor.user("alice"))       // what alice did
 * HistoryFilter.ALL.withElements(ElementKind.TASK).between(monday, tuesday)
 * }</pre>
 *
 * @param workflowId only events of elements of this workflow (null: the whole tree)
 * @param task only events of this task and its work items (null: any)
 * @param workItemId only events of this work item (null: any)
 * @param elements only events of these kinds of element (empty: all kinds)
 * @param events only these events, by name ({@code "complete"}; empty: all)
 * @param actor only events of calls made on behalf of this actor (null: any, or none)
 * @param origin only events of this origin (null: any)
 * @param from only events at or after this instant (null: from the beginning)
 * @param to only events before this instant (null: up to now)
 */
public record HistoryFilter(
    @Nullable UUID workflowId,
    @Nullable String task,
    @Nullable UUID workItemId,
    Set<ElementKind> elements,
    Set<String> events,
    @Nullable Actor actor,
    @Nullable Origin origin,
    @Nullable Instant from,
    @Nullable Instant to) {

  /** Every event. */
  public static final HistoryFilter ALL =
      new HistoryFilter(null, null, null, Set.of(), Set.of(), null, null, null, null);

  public HistoryFilter {
    elements = elements == null || elements.isEmpty() ? Set.of() : Set.copyOf(elements);
    events = events == null ? Set.of() : Set.copyOf(events);
  }

  public HistoryFilter withWorkflow(UUID workflowId) {
    return new HistoryFilter(
        workflowId, task, workItemId, elements, events, actor, origin, from, to);
  }

  /** Events of a task (and of its work items); combine with {@link #withWorkflow} in a tree. */
  public HistoryFilter withTask(String task) {
    return new HistoryFilter(
        workflowId, task, workItemId, elements, events, actor, origin, from, to);
  }

  public HistoryFilter withWorkItem(UUID workItemId) {
    return new HistoryFilter(
        workflowId, task, workItemId, elements, events, actor, origin, from, to);
  }

  public HistoryFilter withElements(ElementKind first, ElementKind... more) {
    Set<ElementKind> kinds = EnumSet.of(first, more);
    return new HistoryFilter(workflowId, task, workItemId, kinds, events, actor, origin, from, to);
  }

  public HistoryFilter withEvents(String... events) {
    return new HistoryFilter(
        workflowId, task, workItemId, elements, Set.of(events), actor, origin, from, to);
  }

  public HistoryFilter withActor(Actor actor) {
    return new HistoryFilter(
        workflowId, task, workItemId, elements, events, actor, origin, from, to);
  }

  public HistoryFilter withOrigin(Origin origin) {
    return new HistoryFilter(
        workflowId, task, workItemId, elements, events, actor, origin, from, to);
  }

  /** Events at or after {@code from} and before {@code to}; either may be null (open). */
  public HistoryFilter between(@Nullable Instant from, @Nullable Instant to) {
    return new HistoryFilter(
        workflowId, task, workItemId, elements, events, actor, origin, from, to);
  }

  /** Whether an event meets every condition of this filter. */
  public boolean matches(HistoryEvent e) {
    return (workflowId == null || workflowId.equals(e.workflowId()))
        && (task == null || task.equals(e.task()))
        && (workItemId == null || workItemId.equals(e.workItemId()))
        && (elements.isEmpty() || elements.contains(e.element()))
        && (events.isEmpty() || events.contains(e.event()))
        && (actor == null || actor.equals(e.actor()))
        && (origin == null || origin == e.origin())
        && (from == null || !e.at().isBefore(from))
        && (to == null || e.at().isBefore(to));
  }
}
