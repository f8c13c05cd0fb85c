package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.PayloadRedactor;
import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.internal.store.WorkItemRow;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The history one call writes: each event gets the next number of its root's sequence at once (the
 * call holds the root's lock) and is inserted with the call's other rows at flush, so it commits or
 * rolls back with them. What is recorded depends on the history level of the workflow the element
 * belongs to.
 *
 * <p>An action's payload is recorded on the transition it requests: the action announces it ({@link
 * #action}), and the transition of that element with that event takes it.
 */
final class CallHistory {
  private final Call call;
  private final History settings;
  private final Actor actor;

  /** Payloads of actions whose transition is still to come, by element and event. */
  private Map<ActionKey, Pending> pending;

  private record ActionKey(UUID element, String event) {}

  private record Pending(
      ElementKind element,
      UUID rootId,
      UUID workflowId,
      String task,
      Integer generation,
      UUID workItemId,
      Origin origin,
      String payload) {}

  CallHistory(Call call, History settings, Actor actor) {
    this.call = call;
    this.settings = settings;
    this.actor = actor;
  }

  private HistoryLevel levelOf(WorkflowInstance wf) {
    return settings.levelOf(wf.def);
  }

  private WorkflowInstance workflow(UUID id) {
    WorkflowInstance wf = call.loaded(id);
    return wf != null ? wf : call.workflow(id);
  }

  /** The origin of a transition requested through an action: the caller, or an internal one. */
  Origin originOf(boolean internal) {
    if (!internal) {
      return Origin.EXTERNAL;
    }
    return call.request.origin() == Origin.JOB ? Origin.JOB : Origin.INTERNAL;
  }

  private void append(
      UUID rootId,
      Origin origin,
      ElementKind element,
      UUID workflowId,
      String task,
      Integer generation,
      UUID workItemId,
      String condition,
      String event,
      String from,
      String to,
      String payload) {
    call.session.appendHistory(
        new HistoryEvent(
            rootId,
            0,
            call.commandId,
            call.now,
            origin,
            actor,
            element,
            workflowId,
            task,
            generation,
            workItemId,
            condition,
            event,
            from,
            to,
            payload));
  }

  // ------------------------------------------------------------------------------ creation

  /**
   * A workflow was created (at {@link HistoryLevel#ACTIVITY}): the event describes it (name,
   * definition, version, parent, level) and carries its initialize payload from {@link
   * HistoryLevel#AUDIT} on.
   */
  void workflowInitialized(WorkflowInstance wf, Object payload, boolean internal) {
    HistoryLevel level = levelOf(wf);
    if (!level.includes(HistoryLevel.ACTIVITY)) {
      return;
    }
    WorkflowRow row = wf.row;
    ObjectNode details = settings.mapper().createObjectNode();
    details.put("name", wf.def.name());
    details.put("definition", row.definitionName);
    details.put("version", row.definitionVersion);
    details.put("level", level.id());
    if (!row.isRoot()) {
      details.put("parent", row.parentWorkflowId.toString());
    }
    if (level.includes(HistoryLevel.AUDIT)) {
      JsonNode p =
          settings.payloadTree(
              new PayloadRedactor.ActionRef(
                  ElementKind.WORKFLOW, wf.def.name(), wf.def.name(), "initialize"),
              payload);
      if (p != null) {
        details.set("payload", p);
      }
    }
    append(
        row.rootId,
        originOf(internal),
        ElementKind.WORKFLOW,
        row.id,
        row.parentTaskName,
        row.parentTaskGeneration,
        null,
        null,
        "initialize",
        null,
        "initialized",
        settings.write(details));
  }

  /** A work item was created (at {@link HistoryLevel#AUDIT}), with its initialize payload. */
  void workItemInitialized(TaskInstance task, WorkItemRow wi, Object payload, boolean internal) {
    WorkflowInstance wf = task.workflow;
    if (!levelOf(wf).includes(HistoryLevel.AUDIT)) {
      return;
    }
    append(
        wf.rootId(),
        originOf(internal),
        ElementKind.WORK_ITEM,
        wf.id(),
        task.def.name(),
        wi.taskGeneration,
        wi.id,
        null,
        "initialize",
        null,
        "initialized",
        settings.payload(
            new PayloadRedactor.ActionRef(
                ElementKind.WORK_ITEM, wf.def.name(), wi.name, "initialize"),
            payload));
  }

  // ------------------------------------------------------------------------------ actions

  /** A work item action is about to run; its payload goes with the transition it requests. */
  void workItemAction(
      TaskInstance task, WorkItemRow wi, String action, Object payload, boolean internal) {
    WorkflowInstance wf = task.workflow;
    if (!levelOf(wf).includes(HistoryLevel.AUDIT)) {
      return;
    }
    remember(
        new ActionKey(wi.id, action),
        new Pending(
            ElementKind.WORK_ITEM,
            wf.rootId(),
            wf.id(),
            task.def.name(),
            wi.taskGeneration,
            wi.id,
            originOf(internal),
            settings.payload(
                new PayloadRedactor.ActionRef(
                    ElementKind.WORK_ITEM, wf.def.name(), wi.name, action),
                payload)));
  }

  /** A workflow action (cancel) is about to run. */
  void workflowAction(WorkflowInstance wf, String action, Object payload, boolean internal) {
    HistoryLevel level = levelOf(wf);
    if (!level.includes(HistoryLevel.ACTIVITY)) {
      return;
    }
    String json =
        level.includes(HistoryLevel.AUDIT)
            ? settings.payload(
                new PayloadRedactor.ActionRef(
                    ElementKind.WORKFLOW, wf.def.name(), wf.def.name(), action),
                payload)
            : null;
    remember(
        new ActionKey(wf.id(), action),
        new Pending(
            ElementKind.WORKFLOW,
            wf.rootId(),
            wf.id(),
            null,
            null,
            null,
            originOf(internal),
            json));
  }

  private void remember(ActionKey key, Pending p) {
    if (pending == null) {
      pending = new LinkedHashMap<>();
    }
    pending.put(key, p);
  }

  private Pending take(UUID element, String event) {
    return pending == null ? null : pending.remove(new ActionKey(element, event));
  }

  // ------------------------------------------------------------------------------ transitions

  /**
   * A transition was applied. Workflow and task transitions are recorded at {@link
   * HistoryLevel#ACTIVITY}, work item transitions at {@link HistoryLevel#AUDIT} (with the payload
   * of the action that requested them), condition markings at {@link HistoryLevel#FULL}; at that
   * level a task's enabling and withdrawal also carry the markings of its inputs. A workflow's
   * creation is recorded by {@link #workflowInitialized}.
   */
  void transition(
      ElementKind element,
      UUID workflowId,
      String task,
      int generation,
      UUID workItemId,
      String condition,
      Enum<?> from,
      Enum<?> to,
      String event,
      Origin origin) {
    WorkflowInstance wf = workflow(workflowId);
    HistoryLevel level = levelOf(wf);
    switch (element) {
      case WORKFLOW -> {
        if (event.equals("initialize") || !level.includes(HistoryLevel.ACTIVITY)) {
          return;
        }
        Pending p = take(workflowId, event);
        append(
            wf.rootId(),
            origin,
            element,
            workflowId,
            null,
            null,
            null,
            null,
            event,
            id(from),
            id(to),
            p == null ? null : p.payload());
      }
      case TASK -> {
        if (!level.includes(HistoryLevel.ACTIVITY)) {
          return;
        }
        String payload = null;
        if (level.includes(HistoryLevel.FULL)
            && (event.equals("enable") || event.equals("disable"))) {
          payload = join(wf, wf.def.task(task).orElseThrow());
        }
        append(
            wf.rootId(),
            origin,
            element,
            workflowId,
            task,
            generation,
            null,
            null,
            event,
            id(from),
            id(to),
            payload);
      }
      case WORK_ITEM -> {
        if (!level.includes(HistoryLevel.AUDIT)) {
          return;
        }
        Pending p = take(workItemId, event);
        append(
            wf.rootId(),
            origin,
            element,
            workflowId,
            task,
            generation,
            workItemId,
            null,
            event,
            id(from),
            id(to),
            p == null ? null : p.payload());
      }
      case CONDITION -> {
        if (!level.includes(HistoryLevel.FULL)) {
          return;
        }
        append(
            wf.rootId(),
            origin,
            element,
            workflowId,
            null,
            null,
            null,
            condition,
            event,
            id(from),
            id(to),
            null);
      }
    }
  }

  /** A condition's marking changed (at {@link HistoryLevel#FULL}). */
  void marking(WorkflowInstance wf, ConditionDefinition c, int from, int to, String event) {
    if (!levelOf(wf).includes(HistoryLevel.FULL)) {
      return;
    }
    append(
        wf.rootId(),
        Origin.ENGINE,
        ElementKind.CONDITION,
        wf.id(),
        null,
        null,
        null,
        c.name(),
        event,
        Integer.toString(from),
        Integer.toString(to),
        null);
  }

  /** The join of a task and the markings of its inputs now: {"join":"and","inputs":{...}}. */
  private String join(WorkflowInstance wf, TaskDefinition t) {
    ObjectNode node = settings.mapper().createObjectNode();
    node.put("join", t.joinType().name().toLowerCase(Locale.ROOT));
    ObjectNode inputs = node.putObject("inputs");
    for (ConditionDefinition c : t.inputs()) {
      inputs.put(c.name(), wf.marking(c));
    }
    return settings.write(node);
  }

  /** The flows a task's split chose when it completed (at {@link HistoryLevel#FULL}). */
  void routed(TaskInstance task, Collection<ConditionDefinition> outputs) {
    WorkflowInstance wf = task.workflow;
    if (!levelOf(wf).includes(HistoryLevel.FULL)) {
      return;
    }
    ObjectNode node = settings.mapper().createObjectNode();
    node.put("split", task.def.splitType().name().toLowerCase(Locale.ROOT));
    ArrayNode to = node.putArray("to");
    outputs.forEach(c -> to.add(c.name()));
    append(
        wf.rootId(),
        Origin.ENGINE,
        ElementKind.TASK,
        wf.id(),
        task.def.name(),
        task.generation(),
        null,
        null,
        "route",
        null,
        null,
        settings.write(node));
  }

  /**
   * Before the call's last flush: an action whose transition never came (none does today) is still
   * recorded, as an event without states.
   */
  void finish() {
    if (pending == null || pending.isEmpty()) {
      return;
    }
    List<Map.Entry<ActionKey, Pending>> left = new ArrayList<>(pending.entrySet());
    pending.clear();
    for (var e : left) {
      Pending p = e.getValue();
      append(
          p.rootId(),
          p.origin(),
          p.element(),
          p.workflowId(),
          p.task(),
          p.generation(),
          p.workItemId(),
          null,
          e.getKey().event(),
          null,
          null,
          p.payload());
    }
  }

  private static String id(Enum<?> state) {
    return state == null ? null : state.name().toLowerCase(Locale.ROOT);
  }
}
