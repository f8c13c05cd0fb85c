package dev.tasquencer.api.context;

import java.util.UUID;

/** A workflow instance as seen from its own activities. */
public interface WorkflowInfo extends Payloads {
  UUID id();

  String name();

  /** The version of the root definition this instance was created from. */
  String version();

  /** The id of the root workflow of this instance's tree (its own id for a root). */
  UUID rootWorkflowId();
}
