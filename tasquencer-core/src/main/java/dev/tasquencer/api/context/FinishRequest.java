package dev.tasquencer.api.context;

import org.jspecify.annotations.Nullable;

/** A work item handle that can request its own completion, failure or cancellation. */
public interface FinishRequest extends WorkItemInfo {

  /** Requests completion once the start has finished. At most one request per activity run. */
  void complete();

  void complete(@Nullable Object payload);

  /** Requests failure (a business failure: recorded state, handled by the task's policy). */
  void fail();

  void fail(@Nullable Object payload);

  /** Requests cancellation. */
  void cancel();

  void cancel(@Nullable Object payload);
}
