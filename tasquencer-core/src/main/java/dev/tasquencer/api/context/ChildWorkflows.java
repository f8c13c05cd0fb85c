package dev.tasquencer.api.context;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Creates child workflows of the composite task generation in context (internal calls). Naming a
 * type the task does not have raises {@link
 * dev.tasquencer.api.error.ChildWorkflowTypeNotFoundException}; leaving the type out when the task
 * has several raises {@link dev.tasquencer.api.error.StructuralIntegrityException}.
 */
public interface ChildWorkflows extends ChildWorkflowIds {

  /** Creates a child workflow without payload (the task's only child type). */
  UUID initialize();

  /**
   * Creates a child workflow of the task's only child type, with this payload (validated against
   * the child's initialize action and stored with it).
   */
  UUID initialize(@Nullable Object payload);

  /** Creates a child workflow of the named type (dynamic composite tasks); null: the only type. */
  UUID initialize(String workflowName, @Nullable Object payload);
}
