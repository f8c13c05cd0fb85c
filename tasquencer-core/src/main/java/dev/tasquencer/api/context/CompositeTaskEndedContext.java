package dev.tasquencer.api.context;

/**
 * Context of a composite task's {@code onCompleted}, {@code onFailed}, {@code onCanceled} and
 * {@code onDisabled}.
 */
public interface CompositeTaskEndedContext extends TaskActivityContext {
  ChildWorkflowIds workflow();
}
