package dev.tasquencer.api.context;

/** The work item transition being reported to its task, in {@code onWorkItemStateChanged}. */
public interface WorkItemEvent extends WorkItems, WorkItemChange {}
