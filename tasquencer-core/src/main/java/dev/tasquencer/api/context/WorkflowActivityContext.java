package dev.tasquencer.api.context;

import java.util.Optional;

/** Context of workflow activities. */
public interface WorkflowActivityContext extends CallContext {
  WorkflowInfo workflow();

  /** The composite task owning this workflow; empty for a root workflow. */
  Optional<CompositeParent> parent();
}
