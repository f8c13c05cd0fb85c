package dev.tasquencer.api.context;

import java.util.Optional;

/**
 * Context of workflow activities. {@link #registerScheduled} is available in {@code onInitialized}
 * and {@code onStarted} (jobs owned by the workflow); the other activities raise an error, since
 * their owner is already ending.
 */
public interface WorkflowActivityContext extends CallContext, JobScheduling {
  WorkflowInfo workflow();

  /** The composite task owning this workflow; empty for a root workflow. */
  Optional<CompositeParent> parent();
}
