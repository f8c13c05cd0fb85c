package dev.tasquencer.builder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A condition (place) of a built workflow definition. Immutable once built. */
public final class ConditionDefinition {
  /** What joins the two task names in the name of an implicit condition. */
  static final String IMPLICIT_SEPARATOR = "__to__";

  private final String name;
  private final int index;
  private final boolean implicit;
  private List<TaskDefinition> producers = new ArrayList<>();
  private List<TaskDefinition> consumers = new ArrayList<>();

  @SuppressWarnings("NullAway.Init") // set by freeze(), before the definition is handed out
  private WorkflowDefinition workflow;

  ConditionDefinition(String name, int index, boolean implicit) {
    this.name = name;
    this.index = index;
    this.implicit = implicit;
  }

  public String name() {
    return name;
  }

  /** Position in {@link WorkflowDefinition#conditions()}. */
  public int index() {
    return index;
  }

  /** True for the conditions created by task-to-task flows ({@code A__to__B}). */
  public boolean isImplicit() {
    return implicit;
  }

  /** The name of the implicit condition of the flow from task {@code from} to task {@code to}. */
  public static String implicitName(String from, String to) {
    return from + IMPLICIT_SEPARATOR + to;
  }

  /** Tasks that put tokens into this condition, in declaration order. */
  public List<TaskDefinition> producers() {
    return producers;
  }

  /** Tasks that take tokens from this condition, in declaration order. */
  public List<TaskDefinition> consumers() {
    return consumers;
  }

  public WorkflowDefinition workflow() {
    return workflow;
  }

  public boolean isStart() {
    return workflow.startCondition() == this;
  }

  public boolean isEnd() {
    return workflow.endCondition() == this;
  }

  void addProducer(TaskDefinition t) {
    producers.add(t);
  }

  void addConsumer(TaskDefinition t) {
    consumers.add(t);
  }

  void freeze(WorkflowDefinition workflow) {
    this.workflow = workflow;
    producers = Collections.unmodifiableList(producers);
    consumers = Collections.unmodifiableList(consumers);
  }

  @Override
  public String toString() {
    return "condition " + name;
  }
}
