package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryLevel;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.PayloadRedactor;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.builder.ConditionDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.lifecycle.AllocationEvent;
import dev.tasquencer.internal.lifecycle.AppliedTransition;
import dev.tasquencer.internal.lifecycle.TaskEvent;
import dev.tasquencer.internal.lifecycle.TransitionObserver;
import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import dev.tasquencer.internal.lifecycle.WorkflowEvent;
import dev.tasquencer.internal.store.AllocationRow;
import dev.tasquencer.internal.store.WorkItemRow;
import dev.tasquencer.internal.store.WorkflowRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The history one call writes, as the observer of the call's transitions: each event gets the next
 * number of its root's sequence at once (the call holds the root's lock) and is inserted with the
 * call's other rows at flush, so it commits or rolls back with them. What is recorded depends on
 * the history level of the workflow the element belongs to.
 *
 * <p>An action's payload is recorded on the transition it requests: the action announces it ({@link
 * #workItemAction}, {@link #workflowAction}), and the transition of that element with that event
 * takes it. Creations carry the payload stored with the element.
 */
final class CallHistory implements TransitionObserver {
  private final Call call;
  private final History settings;
  private final @Nullable Actor actor;

  /**
   * The call's time, to the microsecond that both databases store exactly (rounding a finer instant
   * could move an event after the instant a caller asks {@code stateAt} about).
   */
  private final Instant at;

  /** Payloads of actions whose transition is still to come, by element and event. */
  private @Nullable Map<ActionKey, Pending> pending;

  private record ActionKey(UUID element, String event) {}

  private record Pending(
      ElementKind element,
      UUID rootId,
      UUID workflowId,
      @Nullable String task,
      @Nullable Integer generation,
      @Nullable UUID workItemId,
      Origin origin,
      @Nullable String payload) {}

  CallHistory(Call call, History settings, @Nullable Actor actor) {
    this.call = call;
    this.settings = settings;
    this.actor = actor;
    this.at = call.now.truncatedTo(ChronoUnit.MICROS);
  }

  private HistoryLevel levelOf(WorkflowInstance wf) {
    return settings.levelOf(wf.def);
  }

  private WorkflowInstance workflow(UUID id) {
    WorkflowInstance wf = call.loaded(id);
    return wf != null ? wf : call.workflow(id);
  }

  private void append(
      UUID rootId,
      Origin origin,
      ElementKind element,
      UUID workflowId,
      @Nullable String task,
      @Nullable Integer generation,
      @Nullable UUID workItemId,
      @Nullable String condition,
      String event,
      @Nullable String from,
      @Nullable String to,
      @Nullable String payload) {
    call.session.appendHistory(
        new HistoryEvent(
            rootId,
            0,
            call.commandId,
            at,
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

  // ------------------------------------------------------------------------------ transitions

  /**
   * A transition was applied. Workflow and task transitions are recorded at {@link
   * HistoryLevel#ACTIVITY}, work item transitions at {@link HistoryLevel#AUDIT} (with the payload
   * of the action that requested them, or the initialize payload), and at {@link HistoryLevel#FULL}
   * a task's enabling and withdrawal carry the markings of its inputs. Jobs are not part of
   * history.
   */
  @Override
  public void applied(AppliedTransition t) {
    switch (t.kind()) {
      case WORKFLOW -> {
        if (t.event() == WorkflowEvent.INITIALIZE) {
          workflowCreated(t);
        } else {
          workflowChanged(t);
        }
      }
      case TASK -> taskChanged(t);
      case WORK_ITEM -> workItemChanged(t);
      case CONDITION -> conditionChanged(t);
      case ALLOCATION -> allocationChanged(t);
      case JOB, INCIDENT -> {} // incidents are appended by incident(...)
    }
  }

  /**
   * A workflow was created: the event describes it (name, definition, version, parent, level) and
   * carries its initialize payload from {@link HistoryLevel#AUDIT} on.
   */
  private void workflowCreated(AppliedTransition t) {
    WorkflowRow row =
        call.session
            .workflow(t.workflowId())
            .orElseThrow(() -> new IllegalStateException("created workflow not in the session"));
    WorkflowDefinition def = call.definitionOf(row);
    HistoryLevel level = settings.levelOf(def);
    if (!level.includes(HistoryLevel.ACTIVITY)) {
      return;
    }
    ObjectNode details = settings.mapper().createObjectNode();
    details.put("name", def.name());
    details.put("definition", row.definitionName);
    details.put("version", row.definitionVersion);
    details.put("level", level.id());
    if (!row.isRoot()) {
      details.put("parent", row.parentId().toString());
    }
    if (level.includes(HistoryLevel.AUDIT)) {
      JsonNode p =
          settings.storedPayloadTree(
              new PayloadRedactor.ActionRef(
                  ElementKind.WORKFLOW, def.name(), def.name(), "initialize"),
              row.payload());
      if (p != null) {
        details.set("payload", p);
      }
    }
    append(
        row.rootId,
        t.origin(),
        ElementKind.WORKFLOW,
        row.id,
        row.parentTaskName,
        row.parentTaskGeneration,
        null,
        null,
        event(t),
        null,
        id(t.to()),
        settings.write(details));
  }

  private void workflowChanged(AppliedTransition t) {
    WorkflowInstance wf = workflow(t.workflowId());
    if (!levelOf(wf).includes(HistoryLevel.ACTIVITY)) {
      return;
    }
    Pending p = take(t.workflowId(), event(t));
    append(
        t.rootId(),
        t.origin(),
        ElementKind.WORKFLOW,
        t.workflowId(),
        null,
        null,
        null,
        null,
        event(t),
        id(t.from()),
        id(t.to()),
        p == null ? null : p.payload());
  }

  private void taskChanged(AppliedTransition t) {
    WorkflowInstance wf = workflow(t.workflowId());
    HistoryLevel level = levelOf(wf);
    if (!level.includes(HistoryLevel.ACTIVITY)) {
      return;
    }
    String payload = null;
    if (level.includes(HistoryLevel.FULL)
        && (t.event() == TaskEvent.ENABLE || t.event() == TaskEvent.DISABLE)) {
      payload =
          join(
              wf,
              wf.def
                  .task(Objects.requireNonNull(t.task(), "a task transition names it"))
                  .orElseThrow());
    }
    append(
        t.rootId(),
        t.origin(),
        ElementKind.TASK,
        t.workflowId(),
        t.task(),
        t.generation(),
        null,
        null,
        event(t),
        id(t.from()),
        id(t.to()),
        payload);
  }

  private void workItemChanged(AppliedTransition t) {
    WorkflowInstance wf = workflow(t.workflowId());
    if (!levelOf(wf).includes(HistoryLevel.AUDIT)) {
      return;
    }
    UUID workItemId = Objects.requireNonNull(t.workItemId(), "a work item transition names it");
    String payload;
    if (t.event() == WorkItemEvent.INITIALIZE) {
      WorkItemRow wi =
          call.session
              .workItem(workItemId)
              .orElseThrow(() -> new IllegalStateException("created work item not in the session"));
      payload =
          settings.write(
              settings.storedPayloadTree(
                  new PayloadRedactor.ActionRef(
                      ElementKind.WORK_ITEM, wf.def.name(), wi.name, "initialize"),
                  wi.payload));
    } else {
      Pending p = take(workItemId, event(t));
      payload = p == null ? null : p.payload();
    }
    appendAbout(t, ElementKind.WORK_ITEM, workItemId, payload);
  }

  /** Appends the event of a work item's (or its allocation's) transition. */
  private void appendAbout(
      AppliedTransition t, ElementKind element, UUID workItemId, @Nullable String payload) {
    append(
        t.rootId(),
        t.origin(),
        element,
        t.workflowId(),
        t.task(),
        t.generation(),
        workItemId,
        null,
        event(t),
        id(t.from()),
        id(t.to()),
        payload);
  }

  /**
   * An allocation changed (recorded at {@link HistoryLevel#AUDIT}, as work item transitions are):
   * the payload says to whom an offer goes, and who claimed or was delegated the item.
   */
  private void allocationChanged(AppliedTransition t) {
    WorkflowInstance wf = workflow(t.workflowId());
    if (!levelOf(wf).includes(HistoryLevel.AUDIT)) {
      return;
    }
    UUID workItemId = Objects.requireNonNull(t.workItemId(), "an allocation names its work item");
    AllocationRow a =
        call.session
            .loadedAllocation(workItemId)
            .orElseThrow(() -> new IllegalStateException("changed allocation not in the session"));
    ObjectNode details = null;
    if (t.event() == AllocationEvent.OFFER || t.event() == AllocationEvent.ESCALATE) {
      details = settings.mapper().createObjectNode();
      details.set("offer", offer(a.offer()));
    } else if (t.event() == AllocationEvent.CLAIM || t.event() == AllocationEvent.DELEGATE) {
      details = settings.mapper().createObjectNode();
      details.put("claimant", String.valueOf(a.claimant()));
    }
    appendAbout(t, ElementKind.ALLOCATION, workItemId, settings.write(details));
  }

  private ObjectNode offer(Offer offer) {
    ObjectNode o = settings.mapper().createObjectNode();
    if (!offer.users().isEmpty()) {
      offer.users().forEach(o.putArray("users")::add);
    }
    if (!offer.groups().isEmpty()) {
      offer.groups().forEach(o.putArray("groups")::add);
    }
    if (!offer.scopes().isEmpty()) {
      offer.scopes().forEach(o.putArray("scopes")::add);
    }
    if (offer.forAgents()) {
      o.put("agents", true);
    }
    String supervisor = offer.supervisorScope();
    if (supervisor != null) {
      o.put("supervisor", supervisor);
    }
    return o;
  }

  // ------------------------------------------------------------------------------ actions

  /**
   * A work item action is about to run; its payload goes with the transition it requests. Without a
   * payload (after redaction) there is nothing to carry: the transition is recorded all the same.
   */
  void workItemAction(TaskInstance task, WorkItemRow wi, String action, @Nullable Object payload) {
    WorkflowInstance wf = task.workflow;
    if (!levelOf(wf).includes(HistoryLevel.AUDIT)) {
      return;
    }
    String stored =
        settings.payload(
            new PayloadRedactor.ActionRef(ElementKind.WORK_ITEM, wf.def.name(), wi.name, action),
            payload);
    if (stored == null) {
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
            call.origin(),
            stored));
  }

  /** A workflow action (cancel) is about to run; its payload goes with the transition. */
  void workflowAction(WorkflowInstance wf, String action, @Nullable Object payload) {
    if (!levelOf(wf).includes(HistoryLevel.AUDIT)) {
      return;
    }
    String stored =
        settings.payload(
            new PayloadRedactor.ActionRef(
                ElementKind.WORKFLOW, wf.def.name(), wf.def.name(), action),
            payload);
    if (stored == null) {
      return;
    }
    remember(
        new ActionKey(wf.id(), action),
        new Pending(
            ElementKind.WORKFLOW, wf.rootId(), wf.id(), null, null, null, call.origin(), stored));
  }

  // ----------------------------------------------------------------------------- suspension

  /**
   * A root's tree was suspended or resumed: a workflow event without states, as suspension is a
   * flag on the root and not a workflow state; the payload holds the reason of a suspend, when one
   * was given. Recorded when the tree records history at all (its root has events: level {@link
   * HistoryLevel#ACTIVITY} or above). Reads no definition, so that an engine without the tree's
   * definitions (the command line's) can suspend and resume it.
   */
  void suspension(WorkflowRow root, String event, @Nullable String reason) {
    if (root.historySeq() == 0) {
      return;
    }
    ObjectNode o = settings.mapper().createObjectNode();
    if (reason != null) {
      o.put("reason", reason);
    }
    append(
        root.rootId,
        call.origin(),
        ElementKind.WORKFLOW,
        root.id,
        null,
        null,
        null,
        null,
        event,
        null,
        null,
        settings.write(o));
  }

  /**
   * A message was delivered to a work item (docs/messages.md; recorded at {@link
   * HistoryLevel#AUDIT}, as work item transitions are): a work item event {@code message} that
   * changes no state, with the message's name and key (and, for a buffered one, its id). The
   * transitions the delivery causes follow it.
   */
  void message(
      TaskInstance task, WorkItemRow wi, String message, String key, @Nullable UUID buffered) {
    WorkflowInstance wf = task.workflow;
    if (!levelOf(wf).includes(HistoryLevel.AUDIT)) {
      return;
    }
    ObjectNode o = settings.mapper().createObjectNode();
    o.put("message", message);
    o.put("key", key);
    if (buffered != null) {
      o.put("buffered", buffered.toString());
    }
    append(
        wf.rootId(),
        call.origin(),
        ElementKind.WORK_ITEM,
        wf.id(),
        task.def.name(),
        wi.taskGeneration,
        wi.id,
        null,
        "message",
        null,
        null,
        settings.write(o));
  }

  // ------------------------------------------------------------------------------ incidents

  /**
   * An incident event (recorded at {@link HistoryLevel#AUDIT}, as work item transitions are): the
   * payload names the incident and what happened to it. Incidents are not transitions of the
   * instance tables, so they are appended here rather than observed.
   */
  void incident(
      WorkflowInstance wf,
      dev.tasquencer.api.incident.Incident incident,
      String event,
      @Nullable String from,
      @Nullable String to,
      java.util.Map<String, String> details) {
    if (!levelOf(wf).includes(HistoryLevel.AUDIT)) {
      return;
    }
    ObjectNode o = settings.mapper().createObjectNode();
    o.put("incident", incident.id().toString());
    o.put("job", incident.jobId().toString());
    o.put("handler", incident.handler());
    details.forEach(o::put);
    String task = incident.ownerTask();
    Integer generation = incident.ownerGeneration();
    UUID workItemId = null;
    if (incident.ownerKind() == dev.tasquencer.api.JobOwnerKind.WORK_ITEM) {
      workItemId = incident.ownerId();
      WorkItemRow wi = call.session.workItem(workItemId).orElse(null);
      if (wi != null) {
        task = wi.taskName;
        generation = wi.taskGeneration;
      }
    }
    append(
        wf.rootId(),
        call.origin(),
        ElementKind.INCIDENT,
        wf.id(),
        task,
        generation,
        workItemId,
        null,
        event,
        from,
        to,
        settings.write(o));
  }

  private void remember(ActionKey key, Pending p) {
    if (pending == null) {
      pending = new LinkedHashMap<>();
    }
    pending.put(key, p);
  }

  private @Nullable Pending take(UUID element, String event) {
    return pending == null ? null : pending.remove(new ActionKey(element, event));
  }

  // ------------------------------------------------------------------------------ full level

  /** A condition's marking changed (recorded at {@link HistoryLevel#FULL}). */
  private void conditionChanged(AppliedTransition t) {
    // The start condition's token of a workflow being created is part of its initialize event.
    WorkflowInstance wf = call.loaded(t.workflowId());
    if (wf == null || !levelOf(wf).includes(HistoryLevel.FULL)) {
      return;
    }
    append(
        wf.rootId(),
        call.origin(),
        ElementKind.CONDITION,
        wf.id(),
        null,
        null,
        null,
        t.condition(),
        name(t.event()),
        Integer.toString(t.previousMarking()),
        Integer.toString(t.marking()),
        null);
  }

  /** The join of a task and the markings of its inputs now: {"join":"and","inputs":{...}}. */
  private @Nullable String join(WorkflowInstance wf, TaskDefinition t) {
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
        call.origin(),
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
   * Before the call's last flush: an action with a payload whose transition never came (none does
   * today) is still recorded, as an event without states.
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

  /** The lower-case names of each enum's constants, made once per enum (not once per event). */
  private static final ClassValue<String[]> NAMES =
      new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
          Object[] constants = type.getEnumConstants();
          String[] names = new String[constants.length];
          for (int i = 0; i < constants.length; i++) {
            names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
          }
          return names;
        }
      };

  private static String event(AppliedTransition t) {
    return name(t.event());
  }

  // the array holds the constants of the same enum in declaration order, made from the enum itself
  @SuppressWarnings("EnumOrdinal")
  private static String name(Enum<?> constant) {
    return NAMES.get(constant.getDeclaringClass())[constant.ordinal()];
  }

  private static @Nullable String id(@Nullable Enum<?> state) {
    return state == null ? null : name(state);
  }
}
