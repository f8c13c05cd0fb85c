package dev.tasquencer.conformance;

import dev.tasquencer.api.CompositeTaskPolicy;
import dev.tasquencer.api.PolicyResult;
import dev.tasquencer.api.TaskPolicy;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.CompositeTaskBuilder;
import dev.tasquencer.builder.TaskBuilder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records activity calls as {@code "element.hook"} strings, in the order they ran, and builds
 * elements whose every hook records itself. Create one per test run: a {@code @DbTest} runs twice.
 */
final class ActivityLog {
  private final List<String> entries = new CopyOnWriteArrayList<>();

  void add(String entry) {
    entries.add(entry);
  }

  /** Everything recorded so far. */
  List<String> all() {
    return List.copyOf(entries);
  }

  /** The hooks recorded for one element, without the element prefix. */
  List<String> of(String element) {
    List<String> out = new ArrayList<>();
    String prefix = element + ".";
    for (String e : entries) {
      if (e.startsWith(prefix)) {
        out.add(e.substring(prefix.length()));
      }
    }
    return out;
  }

  /** Forgets what was recorded (to look at one call only). */
  void clear() {
    entries.clear();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** A work item type whose six hooks record themselves under {@code name}. */
  WorkItemBuilder workItem(String name) {
    return Builder.workItem(name)
        .onInitialized(ctx -> add(name + ".onInitialized"))
        .onStarted(ctx -> add(name + ".onStarted"))
        .onCompleted(ctx -> add(name + ".onCompleted"))
        .onFailed(ctx -> add(name + ".onFailed"))
        .onCanceled(ctx -> add(name + ".onCanceled"))
        .onReset(ctx -> add(name + ".onReset"));
  }

  /**
   * A task whose hooks record themselves under {@code name}; its onEnabled creates {@code items}
   * work items of the given type, and its policy records each call before applying the default.
   */
  TaskBuilder task(String name, WorkItemBuilder workItem, int items) {
    return Builder.task(workItem)
        .onEnabled(
            ctx -> {
              add(name + ".onEnabled");
              for (int i = 0; i < items; i++) {
                ctx.workItem().initialize();
              }
            })
        .onDisabled(ctx -> add(name + ".onDisabled"))
        .onStarted(ctx -> add(name + ".onStarted"))
        .onCompleted(ctx -> add(name + ".onCompleted"))
        .onFailed(ctx -> add(name + ".onFailed"))
        .onCanceled(ctx -> add(name + ".onCanceled"))
        .onWorkItemStateChanged(
            ctx ->
                add(
                    name
                        + ".onWorkItemStateChanged["
                        + lower(ctx.workItem().prevState())
                        + "->"
                        + lower(ctx.workItem().nextState())
                        + "]"))
        .withPolicy(recording(name, TaskPolicy.DEFAULT));
  }

  /** A policy that records {@code name.policy[prev->next]=RESULT} and returns what inner says. */
  @SuppressWarnings("overloads") // called with a TaskPolicy or a CompositeTaskPolicy, no lambda
  TaskPolicy recording(String name, TaskPolicy inner) {
    return ctx -> {
      PolicyResult r = inner.decide(ctx);
      add(
          name
              + ".policy["
              + lower(ctx.transition().prevState())
              + "->"
              + lower(ctx.transition().nextState())
              + "]="
              + r);
      return r;
    };
  }

  /**
   * A composite task whose hooks record themselves under {@code name}; its onEnabled creates {@code
   * children} child workflows, and its policy records each call before applying the default.
   */
  CompositeTaskBuilder compositeTask(String name, WorkflowBuilder child, int children) {
    return Builder.compositeTask(child)
        .onEnabled(
            ctx -> {
              add(name + ".onEnabled");
              for (int i = 0; i < children; i++) {
                ctx.workflow().initialize();
              }
            })
        .onDisabled(ctx -> add(name + ".onDisabled"))
        .onStarted(ctx -> add(name + ".onStarted"))
        .onCompleted(ctx -> add(name + ".onCompleted"))
        .onFailed(ctx -> add(name + ".onFailed"))
        .onCanceled(ctx -> add(name + ".onCanceled"))
        .onWorkflowStateChanged(
            ctx ->
                add(
                    name
                        + ".onWorkflowStateChanged["
                        + lower(ctx.workflow().prevState())
                        + "->"
                        + lower(ctx.workflow().nextState())
                        + "]"))
        .withPolicy(recording(name, CompositeTaskPolicy.DEFAULT));
  }

  /** A composite policy that records {@code name.policy[prev->next]=RESULT}. */
  @SuppressWarnings("overloads") // see the TaskPolicy overload
  CompositeTaskPolicy recording(String name, CompositeTaskPolicy inner) {
    return ctx -> {
      PolicyResult r = inner.decide(ctx);
      add(name + ".policy[" + ctx.transition() + "]=" + r);
      return r;
    };
  }

  /**
   * {@code start → task → end} with recording hooks: the workflow under its name, the task (one
   * work item) and the work item type under theirs.
   */
  WorkflowBuilder oneTask(String workflow, String task, String workItem) {
    return workflowHooks(Builder.workflow(workflow), workflow)
        .startCondition("start")
        .task(task, task(task, workItem(workItem), 1))
        .endCondition("end")
        .connectCondition("start", to -> to.task(task))
        .connectTask(task, to -> to.condition("end"));
  }

  /** Adds recording workflow hooks under {@code name}. */
  WorkflowBuilder workflowHooks(WorkflowBuilder wf, String name) {
    return wf.onInitialized(ctx -> add(name + ".onInitialized"))
        .onStarted(ctx -> add(name + ".onStarted"))
        .onCompleted(ctx -> add(name + ".onCompleted"))
        .onFailed(ctx -> add(name + ".onFailed"))
        .onCanceled(ctx -> add(name + ".onCanceled"));
  }
}
