package dev.tasquencer.builder;

import dev.tasquencer.api.Route;
import dev.tasquencer.api.deadline.Deadline;
import dev.tasquencer.api.error.InvalidDefinitionException;
import dev.tasquencer.api.error.InvalidDefinitionException.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns one {@link WorkflowBuilder} into a {@link WorkflowDefinition}: resolves names, creates
 * implicit conditions and flows in declaration order, and checks the net. Every problem found is
 * collected and reported together.
 */
final class DefinitionCompiler {
  private static final String IMPLICIT = ConditionDefinition.IMPLICIT_SEPARATOR;
  private static final String IMPLICIT_FIX =
      "implicit conditions (\"A__to__B\") belong to their flow; declare an explicit condition"
          + " with .condition(...) and connect the tasks to it";

  private final WorkflowBuilder b;
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** The warnings of the child workflows below this one, each already naming its child's path. */
  private final List<String> childWarnings = new ArrayList<>();

  private final Map<String, ConditionDefinition> conditions = new LinkedHashMap<>();
  private final Map<String, TaskDefinition> tasks = new LinkedHashMap<>();
  private final Set<String> connectedTasks = new HashSet<>();
  private final Set<String> connectedConditions = new HashSet<>();
  private final Set<String> flowTargets = new HashSet<>();
  private final Set<TaskDefinition> unconnected = new HashSet<>();

  /**
   * A declared flow that was dropped, between the elements it names (null where the name is unknown
   * or not usable there). Path checks treat it as a flow that may lead anywhere it could have been
   * meant to, so that they report only what stays wrong however it is fixed.
   */
  private record Dropped(@Nullable Object from, @Nullable Object to) {}

  private final List<Dropped> dropped = new ArrayList<>();

  // null until found, and when the workflow declares none or several (a problem then)
  private @Nullable ConditionDefinition start;
  private @Nullable ConditionDefinition end;

  private final List<String> parentPath;
  private final String version;

  /**
   * @param parentPath the path of the composite task owning this workflow (empty for a root)
   * @param version the root definition's version, which child workflows share
   */
  DefinitionCompiler(WorkflowBuilder b, List<String> parentPath, String version) {
    this.b = b;
    this.parentPath = parentPath;
    this.version = version;
  }

  private List<String> path() {
    List<String> p = new ArrayList<>(parentPath);
    p.add(b.name);
    return p;
  }

  private void problem(String element, String message, String fix) {
    problems.add(new Problem(element, message, fix));
  }

  /**
   * A problem that drops declared flows from the net: from {@code from} (null if unknown) to the
   * elements named {@code targets} (an unknown one, or none at all, as "anywhere").
   */
  private void reject(
      String element, String message, String fix, @Nullable Object from, List<String> targets) {
    problem(element, message, fix);
    if (targets.isEmpty()) {
      dropped.add(new Dropped(from, null));
    }
    for (String t : targets) {
      dropped.add(new Dropped(from, t == null ? null : node(t)));
    }
  }

  /** The task or condition of that name, or null. */
  private @Nullable Object node(String name) {
    TaskDefinition t = tasks.get(name);
    return t != null ? t : conditions.get(name);
  }

  private static List<String> targets(TaskFlowBuilder flows) {
    return flows.targets.stream().map(Route::target).toList();
  }

  private static String q(String s) {
    return "'" + s + "'";
  }

  WorkflowDefinition compile() {
    if (b.name.isBlank()) {
      problem("workflow", "has a blank name", "give Builder.workflow(...) a non-empty name");
    }
    if (version == null || version.isBlank()) {
      problem("workflow " + q(b.name), "has a blank version", "pass a non-empty version name");
    }
    declareConditions();
    declareTasks();
    for (WorkflowBuilder.Connection c : b.connections) {
      if (c instanceof WorkflowBuilder.TaskConnection tc) {
        connectTask(tc);
      } else if (c instanceof WorkflowBuilder.ConditionConnection cc) {
        connectCondition(cc);
      }
    }
    declareRegions();
    checkSeparation();
    checkStructure();
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(b.name, problems);
    }
    return new WorkflowDefinition(
        b.name,
        version,
        b.description,
        path(),
        new ArrayList<>(conditions.values()),
        new ArrayList<>(tasks.values()),
        // without problems, exactly one of each was found
        Objects.requireNonNull(start),
        Objects.requireNonNull(end),
        b.activities,
        b.actions,
        allWarnings(),
        b.implicitTermination,
        b.history,
        b.uniqueBusinessKey);
  }

  /**
   * This workflow's own warnings, then its children's. A child's own warnings name its path ({@code
   * in child workflow root/T/child: ...}), so that the root lists every finding of the tree and
   * says where each one is.
   */
  private List<String> allWarnings() {
    List<String> all = new ArrayList<>();
    String prefix =
        parentPath.isEmpty() ? "" : "in child workflow " + String.join("/", path()) + ": ";
    warnings.forEach(w -> all.add(prefix + w));
    all.addAll(childWarnings);
    return all;
  }

  private void declareConditions() {
    List<String> starts = new ArrayList<>();
    List<String> ends = new ArrayList<>();
    for (WorkflowBuilder.ConditionDecl d : b.conditions) {
      if (d.name() == null || d.name().isBlank()) {
        problem("condition", "has a blank name", "give every condition a non-empty name");
        continue;
      }
      if (conditions.containsKey(d.name())) {
        problem(
            "condition " + q(d.name()),
            "is declared more than once",
            "declare each condition once (startCondition, endCondition or condition)");
        continue;
      }
      ConditionDefinition c = new ConditionDefinition(d.name(), conditions.size(), false);
      conditions.put(d.name(), c);
      switch (d.role()) {
        case START -> starts.add(d.name());
        case END -> ends.add(d.name());
        default -> {}
      }
    }
    if (starts.isEmpty()) {
      problem(
          "workflow " + q(b.name),
          "has no start condition",
          "declare one with .startCondition(\"start\")");
    } else if (starts.size() > 1) {
      problem(
          "start conditions " + starts,
          "a workflow has exactly one start condition",
          "keep one .startCondition(...) and declare the others with .condition(...)");
    } else {
      start = conditions.get(starts.get(0));
    }
    if (ends.isEmpty()) {
      problem(
          "workflow " + q(b.name),
          "has no end condition",
          "declare one with .endCondition(\"end\")");
    } else if (ends.size() > 1) {
      problem(
          "end conditions " + ends,
          "a workflow has exactly one end condition",
          "keep one .endCondition(...) and route the other branches into it");
    } else {
      end = conditions.get(ends.get(0));
    }
  }

  private void declareTasks() {
    for (WorkflowBuilder.TaskDecl d : b.tasks) {
      String name = d.name();
      if (name == null || name.isBlank()) {
        problem("task", "has a blank name", "give every task a non-empty name");
        continue;
      }
      if (tasks.containsKey(name)) {
        problem("task " + q(name), "is declared more than once", "give each task its own name");
        continue;
      }
      if (conditions.containsKey(name)) {
        problem(
            "task " + q(name),
            "has the same name as a condition",
            "rename the task or the condition; names are unique within a workflow");
        continue;
      }
      int index = tasks.size();
      TaskDefinition t;
      if (d.declaration() instanceof TaskBuilder tb) {
        AtomicTaskDefinition atomic = new AtomicTaskDefinition(name, index, tb);
        checkDeadlines(atomic);
        t = atomic;
        if (tb.workItem.queue != null && tb.workItem.offer == null) {
          problem(
              "task " + q(name),
              "declares queue data on work item " + q(tb.workItem.name) + " but no offer",
              "queue data belongs to offered work items: add .offer(...) to the work item, or"
                  + " drop .queue(...)");
        }
      } else if (d.declaration() instanceof CompositeTaskBuilder cb) {
        CompositeTaskDefinition c = new CompositeTaskDefinition(name, index, cb);
        compileChildren(c, cb);
        t = c;
      } else {
        t = new DummyTaskDefinition(name, index, (DummyTaskBuilder) d.declaration());
      }
      tasks.put(name, t);
    }
  }

  /** The tasks a separation of duties names are atomic tasks of this workflow. */
  private void checkSeparation() {
    for (TaskDefinition t : tasks.values()) {
      if (!(t instanceof AtomicTaskDefinition a)) {
        continue;
      }
      for (String other : a.separatedFrom()) {
        TaskDefinition o = tasks.get(other);
        if (!(o instanceof AtomicTaskDefinition)) {
          problem(
              "task " + q(t.name()),
              "is separated from "
                  + q(other)
                  + ", which "
                  + (o == null ? "is no task of this workflow" : "is a " + o.kind() + " task"),
              "name atomic tasks of workflow "
                  + q(b.name)
                  + " in separatedFrom(...): their work items' performers are the ones recorded");
        }
      }
    }
  }

  /** Deadlines that need an offer (escalation, a claim to count from) are refused without one. */
  private void checkDeadlines(AtomicTaskDefinition task) {
    WorkItemDefinition wd = task.workItem();
    if (wd.offer() != null) {
      return;
    }
    for (Deadline d : wd.deadlines()) {
      if (d.action() == Deadline.Action.ESCALATE || d.anchor() == Deadline.Anchor.CLAIMED) {
        problem(
            "deadline "
                + q(d.name())
                + " of work item "
                + q(wd.name())
                + " of task "
                + q(task.name()),
            d.action() == Deadline.Action.ESCALATE
                ? "escalates, but the work item is not offered, so there is nothing to re-offer"
                : "counts from a claim, but the work item is not offered, so nobody claims it",
            "declare an offer on the work item (Builder.workItem(...).offer(...)), or choose"
                + " another deadline");
      }
    }
  }

  private void compileChildren(CompositeTaskDefinition task, CompositeTaskBuilder cb) {
    String element = task.kind() + " task " + q(task.name());
    if (cb.recursive) {
      return; // its child is this workflow, linked when the definition is frozen
    }
    if (cb.children.isEmpty()) {
      problem(
          element,
          "has no child workflow",
          "pass at least one workflow builder to Builder.dynamicCompositeTask(...)");
      return;
    }
    List<String> taskPath = new ArrayList<>(path());
    taskPath.add(task.name());
    Set<String> names = new HashSet<>();
    for (WorkflowBuilder child : cb.children) {
      if (!names.add(child.name)) {
        problem(
            element,
            "has two child workflows named " + q(child.name),
            "give each child workflow type its own name; children are chosen by name");
        continue;
      }
      if (child.name.equals(b.name) || parentPath.contains(child.name)) {
        problem(
            element,
            "has a child workflow named like an enclosing workflow (" + q(child.name) + ")",
            "rename the child workflow; names along a path must differ");
        continue;
      }
      try {
        WorkflowDefinition compiled = new DefinitionCompiler(child, taskPath, version).compile();
        task.addChild(compiled);
        childWarnings.addAll(compiled.warnings());
      } catch (InvalidDefinitionException e) {
        for (Problem p : e.problems()) {
          problems.add(
              new Problem(
                  "child workflow "
                      + q(child.name)
                      + " of task "
                      + q(task.name())
                      + ": "
                      + p.element(),
                  p.message(),
                  p.fix()));
        }
      }
    }
  }

  private String describeUnknown(String name) {
    if (tasks.containsKey(name)) {
      return q(name) + " is a task";
    }
    if (conditions.containsKey(name)) {
      return q(name) + " is a condition";
    }
    return "there is no element named " + q(name);
  }

  private void connectTask(WorkflowBuilder.TaskConnection tc) {
    String element = "connectTask(" + q(tc.from()) + ")";
    tc.flows().targets.forEach(r -> flowTargets.add(r.target()));
    TaskDefinition from = tasks.get(tc.from());
    if (from == null) {
      if (conditions.containsKey(tc.from())) {
        reject(
            element,
            q(tc.from()) + " is a condition, not a task",
            "use connectCondition(\"" + tc.from() + "\", ...)",
            conditions.get(tc.from()),
            targets(tc.flows()));
      } else {
        reject(
            element,
            "no task named " + q(tc.from()),
            "declare it with .task(...) first",
            null,
            targets(tc.flows()));
      }
      return;
    }
    if (!connectedTasks.add(from.name())) {
      reject(
          "task " + q(from.name()),
          "its outgoing flows are declared by more than one connectTask call",
          "declare all of them in one connectTask(\"" + from.name() + "\", ...)",
          from,
          targets(tc.flows()));
      return;
    }
    TaskFlowBuilder flows = tc.flows();
    if (flows.targets.isEmpty()) {
      reject(
          element,
          "declares no flow",
          "add .task(...) or .condition(...) to connectTask(\"" + from.name() + "\", ...)",
          from,
          List.of());
    }
    Set<String> seen = new HashSet<>();
    for (Route r : flows.targets) {
      ConditionDefinition target = resolveTaskTarget(from, r, element);
      if (target == null) {
        continue;
      }
      if (!seen.add(target.name())) {
        problem(
            "task " + q(from.name()),
            "declares the flow to " + q(r.target()) + " twice",
            "declare each flow once");
        continue;
      }
      from.addOutput(target);
      target.addProducer(from);
    }
    checkRouting(from, flows);
  }

  private @Nullable ConditionDefinition resolveTaskTarget(
      TaskDefinition from, Route r, String element) {
    if (r.kind() == Route.Kind.TASK) {
      TaskDefinition to = tasks.get(r.target());
      if (to == null) {
        String fix =
            conditions.containsKey(r.target())
                ? "use to.condition(\"" + r.target() + "\") for a condition"
                : "declare the task with .task(\"" + r.target() + "\", ...)";
        reject(
            element,
            "flows to an unknown task: " + describeUnknown(r.target()),
            fix,
            from,
            List.of(r.target()));
        return null;
      }
      String implicitName = ConditionDefinition.implicitName(from.name(), to.name());
      if (tasks.containsKey(implicitName)) {
        reject(
            "task " + q(implicitName),
            "has the same name as the implicit condition of the flow "
                + from.name()
                + " -> "
                + to.name(),
            "rename the task; names are unique within a workflow and \""
                + IMPLICIT
                + "\" is reserved for implicit conditions",
            from,
            List.of(to.name()));
        return null;
      }
      ConditionDefinition existing = conditions.get(implicitName);
      if (existing != null && !existing.isImplicit()) {
        reject(
            "condition " + q(implicitName),
            "clashes with the implicit condition of the flow " + from.name() + " -> " + to.name(),
            "rename the explicit condition",
            from,
            List.of(to.name()));
        return null;
      }
      if (existing != null
          && !(existing.producers().contains(from) && existing.consumers().contains(to))) {
        reject(
            "condition " + q(implicitName),
            "is the implicit condition of two different flows ("
                + existing.producers().stream().map(TaskDefinition::name).toList()
                + " -> "
                + existing.consumers().stream().map(TaskDefinition::name).toList()
                + " and "
                + from.name()
                + " -> "
                + to.name()
                + ")",
            "rename one of the tasks so that no name contains \"" + IMPLICIT + "\"",
            from,
            List.of(to.name()));
        return null;
      }
      if (existing != null) {
        return existing;
      }
      ConditionDefinition c = new ConditionDefinition(implicitName, conditions.size(), true);
      conditions.put(implicitName, c);
      c.addConsumer(to);
      to.addInput(c);
      return c;
    }
    ConditionDefinition c = conditions.get(r.target());
    if (c == null) {
      String fix =
          tasks.containsKey(r.target())
              ? "use to.task(\"" + r.target() + "\") for a task"
              : "declare the condition with .condition(\"" + r.target() + "\")";
      if (r.target().contains(IMPLICIT)) {
        fix = IMPLICIT_FIX;
      }
      reject(
          element,
          "flows to an unknown condition: " + describeUnknown(r.target()),
          fix,
          from,
          List.of(r.target()));
      return null;
    }
    if (c.isImplicit()) {
      reject(
          element,
          "flows into " + q(c.name()) + ", the implicit condition of another task-to-task flow",
          IMPLICIT_FIX,
          from,
          List.of());
      return null;
    }
    if (c == start) {
      reject(
          "task " + q(from.name()),
          "flows into the start condition " + q(c.name()),
          "route it into another condition; the start condition only holds the initial token",
          from,
          List.of());
      return null;
    }
    return c;
  }

  private void checkRouting(TaskDefinition from, TaskFlowBuilder flows) {
    String element = "task " + q(from.name());
    ConditionDefinition defaultOutput = null;
    if (flows.defaultRoute != null) {
      Route d = flows.defaultRoute;
      String name =
          d.kind() == Route.Kind.TASK
              ? ConditionDefinition.implicitName(from.name(), d.target())
              : d.target();
      defaultOutput =
          from.outputs().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
      if (defaultOutput == null) {
        problem(
            element,
            "its default flow " + d + " is not one of its outgoing flows",
            "declare the flow with .task/.condition in the same connectTask call");
      }
    }
    switch (from.splitType()) {
      case AND -> {
        if (flows.xorRouter != null || flows.orRouter != null) {
          problem(
              element,
              "has an AND split but declares a router",
              "remove the router, or give the task .withSplitType(SplitType.XOR or OR)");
        }
        if (flows.defaultRoute != null) {
          problem(
              element,
              "has an AND split but declares a default flow",
              "remove the default, or give the task a XOR or OR split");
        }
      }
      case XOR -> {
        if (flows.orRouter != null) {
          problem(
              element,
              "has a XOR split but declares an OR router with .routes(...)",
              "use .route(ctx -> ...) returning one Route, or make the split OR");
        } else if (flows.xorRouter == null) {
          problem(
              element,
              "has a XOR split but no router",
              "add .route(ctx -> ctx.toTask(...)) to connectTask(\"" + from.name() + "\", ...)");
        }
      }
      case OR -> {
        if (flows.xorRouter != null) {
          problem(
              element,
              "has an OR split but declares a XOR router with .route(...)",
              "use .routes(ctx -> List.of(...)), or make the split XOR");
        } else if (flows.orRouter == null) {
          problem(
              element,
              "has an OR split but no router",
              "add .routes(ctx -> List.of(ctx.toTask(...))) to connectTask(\""
                  + from.name()
                  + "\", ...)");
        }
      }
    }
    from.setRouting(flows.xorRouter, flows.orRouter, defaultOutput);
  }

  private void connectCondition(WorkflowBuilder.ConditionConnection cc) {
    String element = "connectCondition(" + q(cc.from()) + ")";
    flowTargets.addAll(cc.flows().tasks);
    ConditionDefinition from = conditions.get(cc.from());
    if (from == null) {
      if (tasks.containsKey(cc.from())) {
        reject(
            element,
            q(cc.from()) + " is a task, not a condition",
            "use connectTask(\"" + cc.from() + "\", ...)",
            tasks.get(cc.from()),
            cc.flows().tasks);
      } else if (cc.from() != null && cc.from().contains(IMPLICIT)) {
        reject(element, "no condition named " + q(cc.from()), IMPLICIT_FIX, null, cc.flows().tasks);
      } else {
        reject(
            element,
            "no condition named " + q(cc.from()),
            "declare it with .condition(...), .startCondition(...) or .endCondition(...)",
            null,
            cc.flows().tasks);
      }
      return;
    }
    if (from.isImplicit()) {
      reject(
          element,
          q(cc.from()) + " is an implicit condition; its consumer is fixed by its name",
          "declare an explicit condition instead of a task-to-task flow",
          null,
          cc.flows().tasks);
      return;
    }
    if (!connectedConditions.add(from.name())) {
      reject(
          "condition " + q(from.name()),
          "its outgoing flows are declared by more than one connectCondition call",
          "declare all of them in one connectCondition(\"" + from.name() + "\", ...)",
          from,
          cc.flows().tasks);
      return;
    }
    if (from == end) {
      reject(
          "condition " + q(from.name()),
          "is the end condition and cannot have outgoing flows",
          "remove connectCondition(\"" + from.name() + "\", ...)",
          null,
          cc.flows().tasks);
      return;
    }
    if (cc.flows().tasks.isEmpty()) {
      reject(element, "declares no flow", "add .task(...) to it", from, List.of());
    }
    Set<String> seen = new HashSet<>();
    for (String name : cc.flows().tasks) {
      TaskDefinition t = tasks.get(name);
      if (t == null) {
        if (conditions.containsKey(name)) {
          reject(
              "condition " + q(from.name()),
              "flows into condition " + q(name) + "; a condition can only flow into tasks",
              "put a task (a dummy task if it only routes) between the two conditions",
              from,
              List.of(name));
        } else {
          reject(
              element,
              "flows to an unknown task: " + describeUnknown(name),
              "declare the task with .task(\"" + name + "\", ...)",
              from,
              List.of(name));
        }
        continue;
      }
      if (!seen.add(name)) {
        problem(
            "condition " + q(from.name()),
            "declares the flow to " + q(name) + " twice",
            "declare each flow once");
        continue;
      }
      from.addConsumer(t);
      t.addInput(from);
    }
  }

  private void declareRegions() {
    Set<String> owners = new HashSet<>();
    for (WorkflowBuilder.RegionDecl r : b.regions) {
      String element = "cancellation region of " + q(r.owner());
      TaskDefinition owner = tasks.get(r.owner());
      if (owner == null) {
        problem(
            element,
            "its owner is unknown: " + describeUnknown(r.owner()),
            "name a task of this workflow as the owner; only tasks have cancellation regions");
        continue;
      }
      if (!owners.add(r.owner())) {
        problem(
            element,
            "is declared more than once",
            "declare all members in one withCancellationRegion(\"" + r.owner() + "\", ...)");
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (String name : r.region().tasks) {
        TaskDefinition t = tasks.get(name);
        if (t == null) {
          problem(
              element,
              "names an unknown task: " + describeUnknown(name),
              conditions.containsKey(name)
                  ? "list it with .condition(\"" + name + "\") instead of .task(...)"
                  : "list only tasks of this workflow with .task(...)");
        } else if (t == owner) {
          problem(
              element,
              "contains its own owner",
              "remove .task(\"" + name + "\"); a task cannot cancel itself");
        } else if (!seen.add("t:" + name)) {
          problem(element, "lists task " + q(name) + " twice", "list each member once");
        } else {
          owner.addRegionTask(t);
        }
      }
      for (String name : r.region().conditions) {
        ConditionDefinition c = conditions.get(name);
        if (c == null) {
          problem(
              element,
              "names an unknown condition: " + describeUnknown(name),
              tasks.containsKey(name)
                  ? "list it with .task(\"" + name + "\") instead of .condition(...)"
                  : "list only conditions of this workflow with .condition(...), implicit ones"
                      + " as \"A__to__B\"");
        } else if (!seen.add("c:" + name)) {
          problem(element, "lists condition " + q(name) + " twice", "list each member once");
        } else {
          owner.addRegionCondition(c);
        }
      }
      for (TaskDefinition t : owner.regionTasks()) {
        List<String> kept =
            t.inputs().stream()
                .filter(c -> !owner.regionConditions().contains(c))
                .map(ConditionDefinition::name)
                .toList();
        if (!kept.isEmpty()) {
          warnings.add(
              element
                  + " cancels task "
                  + q(t.name())
                  + " but not its input conditions "
                  + kept
                  + ": if those are marked, the task is enabled again at once; add them to the"
                  + " region to withdraw it");
        }
      }
    }
  }

  private void checkStructure() {
    for (TaskDefinition t : tasks.values()) {
      if (t.inputs().isEmpty()) {
        unconnected.add(t);
      }
      if (t.inputs().isEmpty() && !flowTargets.contains(t.name())) {
        problem(
            "task " + q(t.name()),
            "has no incoming flow",
            "connect a condition to it (connectCondition) or a task (connectTask ... .task(\""
                + t.name()
                + "\"))");
      }
      if (t.outputs().isEmpty()) {
        unconnected.add(t);
      }
      if (t.outputs().isEmpty() && !connectedTasks.contains(t.name())) {
        problem(
            "task " + q(t.name()),
            "has no outgoing flow",
            "declare connectTask(\"" + t.name() + "\", to -> ...)");
      }
    }
    if (start == null || end == null) {
      return;
    }
    Set<Object> forward = reach(start, true);
    Set<Object> backward = reach(end, false);
    for (ConditionDefinition c : conditions.values()) {
      if (!c.isImplicit()) {
        checkOnPath("condition " + q(c.name()), c, forward, backward);
      }
    }
    for (TaskDefinition t : tasks.values()) {
      if (!unconnected.contains(t)) { // reported with its missing flows
        checkOnPath("task " + q(t.name()), t, forward, backward);
      }
    }
    for (TaskDefinition t : tasks.values()) {
      if (t.joinType() == JoinType.OR && !orSplitUpstream(t)) {
        warnings.add(
            "task "
                + q(t.name())
                + " has an OR-join but no OR-split lies upstream of it: it behaves like a XOR-join"
                + " that waits for every branch that can still deliver; check that this is meant");
      }
    }
  }

  private static boolean orSplitUpstream(TaskDefinition join) {
    Set<Object> seen = new HashSet<>();
    Deque<Object> todo = new ArrayDeque<>(join.inputs());
    while (!todo.isEmpty()) {
      Object n = todo.poll();
      if (!seen.add(n)) {
        continue;
      }
      if (n instanceof ConditionDefinition c) {
        todo.addAll(c.producers());
      } else {
        TaskDefinition t = (TaskDefinition) n;
        if (t.splitType() == SplitType.OR) {
          return true;
        }
        todo.addAll(t.inputs());
      }
    }
    return false;
  }

  private void checkOnPath(String element, Object node, Set<Object> fwd, Set<Object> bwd) {
    if (!fwd.contains(node)) {
      problem(
          element,
          "is not on a path from the start condition "
              + q(Objects.requireNonNull(start).name())
              + " (unreachable)",
          "connect it from an element that the start condition reaches, or remove it");
    } else if (!bwd.contains(node)) {
      problem(
          element,
          "is not on a path to the end condition "
              + q(Objects.requireNonNull(end).name())
              + " (a dead end)",
          "connect it towards the end condition, or remove it");
    }
  }

  /**
   * The elements reachable from {@code from} along the flows (forward), or that reach it
   * (backward). A dropped flow whose start is reached counts as reaching its known end, or every
   * element when its end is unknown (a dropped flow of unknown start counts as starting anywhere):
   * an element is reported off the path only if it stays so however the dropped flows are fixed.
   */
  private Set<Object> reach(ConditionDefinition from, boolean forward) {
    Set<Object> seen = new HashSet<>();
    Deque<Object> todo = new ArrayDeque<>();
    todo.add(from);
    seen.add(from);
    while (!todo.isEmpty()) {
      while (!todo.isEmpty()) {
        Object n = todo.poll();
        List<?> next;
        if (n instanceof ConditionDefinition c) {
          next = forward ? c.consumers() : c.producers();
        } else {
          TaskDefinition t = (TaskDefinition) n;
          next = forward ? t.outputs() : t.inputs();
        }
        for (Object o : next) {
          if (seen.add(o)) {
            todo.add(o);
          }
        }
      }
      for (Dropped d : dropped) {
        Object src = forward ? d.from() : d.to();
        Object dst = forward ? d.to() : d.from();
        if (src != null && !seen.contains(src)) {
          continue;
        }
        if (dst == null) {
          seen.addAll(conditions.values());
          seen.addAll(tasks.values());
          return seen;
        }
        if (seen.add(dst)) {
          todo.add(dst);
        }
      }
    }
    return seen;
  }
}
