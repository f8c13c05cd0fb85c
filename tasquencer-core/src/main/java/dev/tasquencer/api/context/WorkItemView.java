package dev.tasquencer.api.context;

import dev.tasquencer.api.WorkItemState;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A work item of the task generation in context, as the task's activities, policy and router read
 * it: its state and its payloads. {@link #payload} is its initialize payload.
 *
 * <p>The view follows the work item through the engine call: {@link #state()} is its state at the
 * moment it is asked, including transitions made earlier in the same call.
 */
public interface WorkItemView extends Payloads {
  UUID id();

  String name();

  WorkItemState state();

  /**
   * The payload given to the complete, fail or cancel call that ended the work item (stored with
   * it), converted to {@code type}; null while it is live, when it was canceled by a teardown (its
   * task ended or was withdrawn), or when that call had no payload.
   */
  <T> @Nullable T resultPayload(Class<T> type);
}
