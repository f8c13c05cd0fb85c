package dev.tasquencer.api.context;

import java.util.UUID;

/** The workflow instance that a task belongs to. */
public interface TaskParent {
  UUID workflowId();

  String workflowName();

  /** The root of the instance tree ({@link #workflowId()} for a root workflow). */
  UUID rootWorkflowId();

  /** The payload the workflow was initialized with, converted to {@code type}. */
  <T> T workflowPayload(Class<T> type);
}
