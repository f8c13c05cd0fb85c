package dev.tasquencer.api.context;

/** The child workflow transition being reported to its composite task. */
public interface ChildWorkflowEvent extends ChildWorkflows, ChildWorkflowChange {}
