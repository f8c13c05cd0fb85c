package dev.tasquencer.builder;

import dev.tasquencer.api.InstanceView;
import dev.tasquencer.api.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the Graphviz and Mermaid pictures of a net share: which decorations a task shows, the flows
 * in drawing order, the colours of task states and marked conditions, and the wording of labels.
 * Everything follows declaration order, so the same definition (and view) always gives the same
 * text.
 */
final class NetGraph {
  private NetGraph() {}

  /** Start and end conditions: a green and a red outline, as in YAWL's editor. */
  static final String START_COLOR = "#2e7d32";

  static final String END_COLOR = "#c62828";

  /** Cancellation regions: dashed red. */
  static final String CANCEL_COLOR = "#c62828";

  /** The fill of a condition that holds tokens. */
  static final String MARKED_FILL = "#ffcc80";

  /** The order of the legend: the life of a task, then the ways it ends. */
  static final List<TaskState> LEGEND =
      List.of(
          TaskState.ENABLED,
          TaskState.STARTED,
          TaskState.COMPLETED,
          TaskState.FAILED,
          TaskState.CANCELED,
          TaskState.DISABLED);

  /** The fill of a task in the given state. */
  static String fill(TaskState state) {
    return switch (state) {
      case ENABLED -> "#fff59d";
      case STARTED -> "#90caf9";
      case COMPLETED -> "#a5d6a7";
      case FAILED -> "#ef9a9a";
      case CANCELED -> "#bdbdbd";
      case DISABLED -> "#f5f5f5";
    };
  }

  /**
   * Whether the task's join is drawn: when it has several inputs (the join decides), or when it
   * declares a join other than the default AND.
   */
  static boolean showsJoin(TaskDefinition t) {
    return t.inputs().size() > 1 || t.joinType() != JoinType.AND;
  }

  /** Whether the task's split is drawn: several outputs, or a split other than AND. */
  static boolean showsSplit(TaskDefinition t) {
    return t.outputs().size() > 1 || t.splitType() != SplitType.AND;
  }

  static boolean isDummy(TaskDefinition t) {
    return t instanceof DummyTaskDefinition;
  }

  /** "1 token", "3 tokens". */
  static String tokens(int n) {
    return n == 1 ? "1 token" : n + " tokens";
  }

  /** The tokens of the condition in the view (0 without a view). */
  static int tokens(@Nullable InstanceView view, ConditionDefinition c) {
    return view == null ? 0 : view.tokens(c.name());
  }

  /** The state of the task in the view, or null (no view, or a task the view does not know). */
  static @Nullable TaskState state(@Nullable InstanceView view, TaskDefinition t) {
    return view == null ? null : view.taskState(t.name());
  }

  /** Tasks that are the owner of a cancellation region, in declaration order. */
  static List<TaskDefinition> regionOwners(WorkflowDefinition w) {
    List<TaskDefinition> owners = new ArrayList<>();
    for (TaskDefinition t : w.tasks()) {
      if (t.hasCancellationRegion()) {
        owners.add(t);
      }
    }
    return owners;
  }

  /** Whether some cancellation region empties the condition. */
  static boolean inRegion(WorkflowDefinition w, ConditionDefinition c) {
    for (TaskDefinition t : w.tasks()) {
      if (t.regionConditions().contains(c)) {
        return true;
      }
    }
    return false;
  }

  /** A flow out of a task into one of its output conditions. */
  record Output(TaskDefinition task, ConditionDefinition condition) {
    boolean isDefault() {
      return task.defaultOutput() == condition;
    }
  }

  /** A flow out of a condition into a task that consumes from it. */
  record Input(ConditionDefinition condition, TaskDefinition task) {}

  /** The flows out of explicit conditions, by condition then consumer, in declaration order. */
  static List<Input> conditionFlows(WorkflowDefinition w) {
    List<Input> out = new ArrayList<>();
    for (ConditionDefinition c : w.conditions()) {
      if (!c.isImplicit()) {
        c.consumers().forEach(t -> out.add(new Input(c, t)));
      }
    }
    return out;
  }
}
