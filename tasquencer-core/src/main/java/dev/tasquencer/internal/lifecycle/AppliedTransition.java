package dev.tasquencer.internal.lifecycle;

import dev.tasquencer.api.Origin;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One transition as the engine applied it; for a condition, a change of its marking ({@link
 * ConditionEvent}).
 *
 * @param kind the kind of element
 * @param rootId the root workflow of the element's tree
 * @param workflowId the workflow the element is (for {@link ElementKind#WORKFLOW}) or belongs to
 * @param task the task (of a task, work item or allocation); for a condition its name ({@link
 *     #condition()}); null for a workflow
 * @param generation the task generation (of a task, work item or allocation; for {@link
 *     TaskEvent#ENABLE} the new one); for a condition its marking after the change ({@link
 *     #marking()}); 0 for a workflow
 * @param workItemId the work item, for {@link ElementKind#WORK_ITEM} and {@link
 *     ElementKind#ALLOCATION}; null otherwise
 * @param from the state before; null only when the element was created ({@link
 *     WorkflowEvent#INITIALIZE}, {@link WorkItemEvent#INITIALIZE}, {@link AllocationEvent#OFFER})
 * @param to the state after
 * @param event what happened, an event of the element's table ({@link Lifecycles})
 * @param origin who caused it
 * @param previousMarking for a condition its marking before the change ({@link
 *     #previousMarking()}); 0 for other elements
 */
public record AppliedTransition(
    ElementKind kind,
    UUID rootId,
    UUID workflowId,
    @Nullable String task,
    int generation,
    @Nullable UUID workItemId,
    @Nullable Enum<?> from,
    Enum<?> to,
    Enum<?> event,
    Origin origin,
    int previousMarking) {

  /** The condition whose marking changed ({@link ElementKind#CONDITION}); null otherwise. */
  public @Nullable String condition() {
    return kind == ElementKind.CONDITION ? task : null;
  }

  /** A condition's marking (number of tokens) after the change; 0 for other elements. */
  public int marking() {
    return kind == ElementKind.CONDITION ? generation : 0;
  }
}
