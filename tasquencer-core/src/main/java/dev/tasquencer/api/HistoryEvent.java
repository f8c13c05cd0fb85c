package dev.tasquencer.api;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event of a root workflow tree's history: a transition of a workflow, task, work item or
 * condition, or (at {@link HistoryLevel#FULL}) a routing decision. Written in the transaction of
 * the call that caused it, so a rolled-back call leaves none. See {@code docs/history.md} for the
 * events each level records.
 *
 * @param rootId the root workflow of the tree; history is kept and numbered per root
 * @param seq the event's number in its root's history: 1, 2, 3, ... without gaps, in the order the
 *     events happened
 * @param commandId the engine call that caused it; every event of one call has the same id
 * @param at the engine clock's time when that call began
 * @param origin who caused it: the application's call ({@link Origin#EXTERNAL}), an activity or
 *     internal call, a job, or the engine on its own behalf (cascades, teardown, enablement)
 * @param actor on whose behalf the call was made ({@code engine.as(actor)}); null when it was not
 *     given
 * @param element the kind of element
 * @param workflowId the workflow the element belongs to (the workflow itself for a workflow event)
 * @param task the task (for task and work item events and routing decisions; for a child workflow's
 *     {@code initialize}, the composite task that owns it); otherwise null
 * @param generation the task generation the event belongs to; otherwise null
 * @param workItemId the work item of a work item event; otherwise null
 * @param condition the condition of a condition event; otherwise null
 * @param event what happened: a transition ({@code initialize}, {@code enable}, {@code disable},
 *     {@code start}, {@code complete}, {@code fail}, {@code cancel}, {@code reset}; for conditions
 *     {@code produce}, {@code consume}, {@code clear}) or a decision ({@code route})
 * @param fromState the state before a transition (the marking, for a condition); null for a
 *     creation and for decisions
 * @param toState the state after a transition; null for decisions
 * @param payloadJson canonical JSON (object keys sorted), or null: the payload of the action that
 *     requested a work item or workflow transition (after redaction, at {@link HistoryLevel#AUDIT}
 *     and above); for a workflow's {@code initialize} an object describing the workflow; for the
 *     decisions of {@link HistoryLevel#FULL} the join's input markings or the chosen flows
 */
public record HistoryEvent(
    UUID rootId,
    long seq,
    UUID commandId,
    Instant at,
    Origin origin,
    @Nullable Actor actor,
    ElementKind element,
    UUID workflowId,
    @Nullable String task,
    @Nullable Integer generation,
    @Nullable UUID workItemId,
    @Nullable String condition,
    String event,
    @Nullable String fromState,
    @Nullable String toState,
    @Nullable String payloadJson) {

  /** Whether this event is a state change (not a decision). */
  public boolean isTransition() {
    return toState != null;
  }
}
