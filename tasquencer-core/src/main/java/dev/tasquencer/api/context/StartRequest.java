package dev.tasquencer.api.context;

import org.jspecify.annotations.Nullable;

/** A work item handle that can request its own start (in {@code onInitialized}). */
public interface StartRequest extends WorkItemInfo {

  /**
   * Requests that the work item starts once the current transition has finished. At most one
   * request per activity run.
   */
  void start();

  void start(@Nullable Object payload);
}
