package dev.tasquencer.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A workflow instance as it is ({@link WorkflowQueries#state}) or as it was after one event of its
 * root's history ({@link WorkflowQueries#stateAt}). What a reconstruction can know depends on the
 * history level the instance was recorded at: see {@code docs/history.md}.
 *
 * @param workflowId the workflow
 * @param rootId its root
 * @param name the workflow's name (its type, for a child workflow)
 * @param seq the last event of the root's history this state includes (for the live state: the last
 *     event written when it was read)
 * @param at the time of that event; null when there is none (so that a live state read at rest and
 *     the reconstruction after its last event are equal)
 * @param level the history level the instance was recorded at (for the live state: the level it is
 *     recorded at now)
 * @param state the workflow's state
 * @param marking tokens by condition, every condition in definition order; null when the history
 *     does not record markings (below {@link HistoryLevel#FULL})
 * @param tasks every task in declaration order, with its state and generation
 * @param workItems the work items of every generation of the workflow's tasks, oldest first; empty
 *     below {@link HistoryLevel#AUDIT}
 * @param children the child workflows of the workflow's composite tasks, oldest first
 */
public record InstanceState(
    UUID workflowId,
    UUID rootId,
    String name,
    long seq,
    @Nullable Instant at,
    HistoryLevel level,
    WorkflowState state,
    @Nullable Map<String, Integer> marking,
    List<Task> tasks,
    List<WorkItem> workItems,
    List<Child> children) {

  public InstanceState {
    marking = marking == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(marking));
    tasks = List.copyOf(tasks);
    workItems = List.copyOf(workItems);
    children = List.copyOf(children);
  }

  /** A task: its state and the generation it is at (0 before its first enablement). */
  public record Task(String name, TaskState state, int generation) {}

  /**
   * A work item.
   *
   * @param payloadJson its initialize payload (canonical JSON; after redaction when reconstructed)
   * @param resultPayloadJson the payload of the complete, fail or cancel that ended it, or null
   */
  public record WorkItem(
      UUID id,
      String task,
      int generation,
      WorkItemState state,
      @Nullable String payloadJson,
      @Nullable String resultPayloadJson) {}

  /** A child workflow of a composite task generation. */
  public record Child(UUID id, String name, String task, int generation, WorkflowState state) {}

  /** The task of that name, or null. */
  public @Nullable Task task(String name) {
    for (Task t : tasks) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** The work items of one task generation, oldest first. */
  public List<WorkItem> workItems(String task, int generation) {
    return workItems.stream()
        .filter(w -> w.task().equals(task) && w.generation() == generation)
        .toList();
  }

  /**
   * The marking and task states, for drawing ({@code WorkflowDefinition.toDot(view)}); conditions
   * count as empty when the marking is not known.
   */
  public InstanceView view() {
    Map<String, TaskState> states = new LinkedHashMap<>();
    tasks.forEach(t -> states.put(t.name(), t.state()));
    return new InstanceView(marking == null ? Map.of() : marking, states);
  }

  /** The same state without the marking, to compare what a lower history level promises. */
  public InstanceState withoutMarking() {
    return new InstanceState(
        workflowId, rootId, name, seq, at, level, state, null, tasks, workItems, children);
  }
}
