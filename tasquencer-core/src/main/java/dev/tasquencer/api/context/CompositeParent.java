package dev.tasquencer.api.context;

import java.util.UUID;

/** The composite task that owns a child workflow. */
public interface CompositeParent {
  UUID workflowId();

  String workflowName();

  String taskName();

  int taskGeneration();
}
