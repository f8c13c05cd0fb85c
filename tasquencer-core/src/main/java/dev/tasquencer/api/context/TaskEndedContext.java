package dev.tasquencer.api.context;

/** Context of {@code onCompleted}, {@code onFailed}, {@code onCanceled} and {@code onDisabled}. */
public interface TaskEndedContext extends TaskActivityContext {
  WorkItemIds workItem();
}
