package dev.tasquencer.builder;

import dev.tasquencer.api.CompositeTaskPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task driven by child workflows: of one type (composite) or of several (dynamic composite),
 * keyed by the child workflow's name.
 */
public final class CompositeTaskDefinition extends TaskDefinition {
  private final boolean dynamic;
  private final boolean recursive;
  private final CompositeTaskPolicy policy;
  private final CompositeTaskActivities activities;
  private Map<String, WorkflowDefinition> children = new LinkedHashMap<>();

  CompositeTaskDefinition(String name, int index, CompositeTaskBuilder b) {
    super(name, index, b.joinType, b.splitType, b.description);
    this.dynamic = b.dynamic;
    this.recursive = b.recursive;
    this.policy = b.policy == null ? CompositeTaskPolicy.DEFAULT : b.policy;
    this.activities = b.activities;
  }

  void addChild(WorkflowDefinition child) {
    children.put(child.name(), child);
  }

  @Override
  void freeze(WorkflowDefinition workflow) {
    super.freeze(workflow);
    if (recursive) {
      children.put(workflow.name(), workflow);
    }
    children = Collections.unmodifiableMap(children);
  }

  /**
   * Whether the task's child workflow is the workflow the task belongs to (recursion, built with
   * {@link Builder#recursiveCompositeTask()}).
   */
  public boolean isRecursive() {
    return recursive;
  }

  /** Whether the task was declared with {@link Builder#dynamicCompositeTask}. */
  public boolean isDynamic() {
    return dynamic;
  }

  /** The child workflow definitions by name, in declaration order. */
  public Map<String, WorkflowDefinition> children() {
    return children;
  }

  public Optional<WorkflowDefinition> child(String name) {
    return Optional.ofNullable(children.get(name));
  }

  public List<String> childNames() {
    return List.copyOf(children.keySet());
  }

  public CompositeTaskPolicy policy() {
    return policy;
  }

  public boolean hasDefaultPolicy() {
    return policy == CompositeTaskPolicy.DEFAULT;
  }

  public CompositeTaskActivities activities() {
    return activities;
  }

  @Override
  public String kind() {
    return dynamic ? "dynamic composite" : recursive ? "recursive composite" : "composite";
  }
}
