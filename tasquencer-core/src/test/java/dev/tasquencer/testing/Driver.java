package dev.tasquencer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.TaskState;
import dev.tasquencer.api.WorkItemSnapshot;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowState;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives one workflow instance the way the conformance scenarios do, through internal calls: {@code
 * fire(X)} starts and completes X's single initialized work item.
 */
public final class Driver {
  public final Tasquencer engine;
  public final UUID id;

  public Driver(Tasquencer engine, UUID id) {
    this.engine = engine;
    this.id = id;
  }

  /** Creates a root workflow through an internal call. */
  public static Driver start(Tasquencer engine, String workflow) {
    return new Driver(engine, engine.internal().initializeRootWorkflow(workflow, null));
  }

  public WorkflowCommands cmd() {
    return engine.internal();
  }

  public WorkflowQueries q() {
    return engine.queries();
  }

  public WorkflowState state() {
    return q().workflowState(id);
  }

  public TaskState task(String name) {
    return q().task(id, name).state();
  }

  public int generation(String name) {
    return q().task(id, name).generation();
  }

  public List<String> in(TaskState s) {
    return q().tasksIn(id, s);
  }

  public List<String> enabled() {
    return in(TaskState.ENABLED);
  }

  public Map<String, Integer> marking() {
    return q().marking(id);
  }

  /** The marked conditions only. */
  public Map<String, Integer> marked() {
    var out = new java.util.LinkedHashMap<String, Integer>();
    marking()
        .forEach(
            (k, v) -> {
              if (v > 0) {
                out.put(k, v);
              }
            });
    return out;
  }

  public List<WorkItemSnapshot> wi(String task) {
    return q().workItems(id, task);
  }

  public List<WorkItemState> wiStates(String task) {
    return wi(task).stream().map(WorkItemSnapshot::state).toList();
  }

  /** The only initialized work item of the task's latest generation. */
  public UUID initialized(String task) {
    List<WorkItemSnapshot> items =
        wi(task).stream().filter(w -> w.state() == WorkItemState.INITIALIZED).toList();
    assertThat(items).as("initialized work items of %s", task).hasSize(1);
    return items.get(0).id();
  }

  public void start(UUID workItem) {
    cmd().startWorkItem(workItem);
  }

  public void complete(UUID workItem) {
    cmd().completeWorkItem(workItem);
  }

  /** Starts and completes the task's only initialized work item. */
  public void fire(String task) {
    UUID w = initialized(task);
    start(w);
    complete(w);
  }
}
