package dev.tasquencer.api.context;

import java.util.List;
import java.util.UUID;

/** A work item as seen from its own activities; {@link #payload} is its initialize payload. */
public interface WorkItemInfo extends Payloads {
  UUID id();

  String name();

  /** The static path of the work item definition. */
  List<String> path();
}
