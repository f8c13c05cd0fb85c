package dev.tasquencer.api.context;

import java.util.List;
import java.util.UUID;

/** The work items of the task generation in context. */
public interface WorkItemIds {

  /** Ids of every work item of the generation, in all states, oldest first. */
  List<UUID> getAllWorkItemIds();

  /** The static path of the work item definition. */
  List<String> path();
}
