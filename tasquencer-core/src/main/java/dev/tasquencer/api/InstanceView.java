package dev.tasquencer.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of one workflow instance as a picture needs it: the tokens in each condition and the
 * state of each task. {@link WorkflowQueries#view} reads it from the database; a graph of the
 * definition ({@code WorkflowDefinition.toDot(view)}) colours the net with it.
 *
 * <p>Both maps are copied and keep their order. A name the definition does not know is ignored when
 * drawing; a condition missing from {@code marking} counts as empty, a task missing from {@code
 * taskStates} is drawn without a state.
 *
 * @param marking tokens by condition name (explicit and implicit conditions)
 * @param taskStates state by task name
 */
public record InstanceView(Map<String, Integer> marking, Map<String, TaskState> taskStates) {

  public InstanceView {
    marking = copy(marking, "marking");
    taskStates = copy(taskStates, "taskStates");
  }

  private static <V> Map<String, V> copy(Map<String, V> m, String what) {
    Objects.requireNonNull(m, what);
    Map<String, V> c = new LinkedHashMap<>();
    m.forEach(
        (k, v) ->
            c.put(
                Objects.requireNonNull(k, what + " key"),
                Objects.requireNonNull(v, what + " value of " + k)));
    return Collections.unmodifiableMap(c);
  }

  /** The tokens in the named condition; 0 when it is not in the marking. */
  public int tokens(String condition) {
    return marking.getOrDefault(condition, 0);
  }

  /** The state of the named task, or null when the view does not have it. */
  public @Nullable TaskState taskState(String task) {
    return taskStates.get(task);
  }
}
