package dev.tasquencer.api.context;

/** The workflow and task generation that own a work item. */
public interface WorkItemParent extends TaskParent {
  String taskName();

  int taskGeneration();
}
