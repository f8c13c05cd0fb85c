package dev.tasquencer.api.context;

import org.jspecify.annotations.Nullable;

/** Base context of work item activities. */
public interface WorkItemActivityContext extends CallContext {
  WorkItemParent parent();

  WorkItemInfo workItem();

  /**
   * The payload given to the transition that fired this activity (start, complete, fail, cancel,
   * reset), converted to {@code type}; null when none was given.
   */
  <T> @Nullable T transitionPayload(Class<T> type);
}
