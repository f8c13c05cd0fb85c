package dev.tasquencer.api.context;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Creates work items of the task generation in context (internal calls). */
public interface WorkItems extends WorkItemIds {

  /** Creates a work item without payload and returns its id. */
  UUID initialize();

  /**
   * Creates a work item with this payload (validated against the initialize action's payload type
   * and stored with the work item as JSON) and returns its id.
   */
  UUID initialize(@Nullable Object payload);
}
