package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Db;
import dev.tasquencer.api.allocation.Allocation;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.authorization.PolicyContext;
import dev.tasquencer.api.context.WorkItemView;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.NotInternalCallException;
import dev.tasquencer.api.error.UserCodeException;
import dev.tasquencer.api.identity.ScopeCatalog;
import dev.tasquencer.api.message.Message;
import dev.tasquencer.api.message.MessageWait;
import dev.tasquencer.builder.ActionSpec;
import dev.tasquencer.builder.AtomicTaskDefinition;
import dev.tasquencer.builder.CompositeTaskDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkItemActions;
import dev.tasquencer.builder.WorkflowActions;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.AllocationRow;
import dev.tasquencer.internal.store.WorkItemRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Authorized actions: checks at build time that every policy names declared scopes (and, when the
 * engine requires policies, that every action open to outside callers has one), and evaluates the
 * policy of an external call's action inside the call, before it changes anything. Internal calls
 * (activities, jobs, the engine, {@code engine.internal()}) skip policies.
 */
final class Authorizer {
  /** Set once by {@link Engines#create}, before the engine serves a call. */
  private @Nullable IdentityAdmin identity;

  void identity(IdentityAdmin identity) {
    this.identity = identity;
  }

  /** The engine's identity administration, for the runtime's own checks (offers, claims). */
  IdentityAdmin identity() {
    return Objects.requireNonNull(identity, "set by Engines.create before the first call");
  }

  // ------------------------------------------------------------------------------ build time

  /**
   * Checks the policies of every action of {@code definitions} (child workflows included).
   *
   * @throws ConfigurationException naming every action whose policy requires an undeclared scope,
   *     and, when {@code requirePolicies}, every custom action without a policy
   */
  static void check(
      List<WorkflowDefinition> definitions, ScopeCatalog catalog, boolean requirePolicies) {
    List<String> problems = new ArrayList<>();
    Set<WorkflowDefinition> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (WorkflowDefinition d : definitions) {
      checkWorkflow(
          d,
          "workflow '" + d.name() + "' " + d.version(),
          catalog,
          requirePolicies,
          problems,
          seen);
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "the policies and offers of the registered definitions have "
              + problems.size()
              + " problem(s):\n  - "
              + String.join("\n  - ", problems));
    }
  }

  private static void checkWorkflow(
      WorkflowDefinition def,
      String where,
      ScopeCatalog catalog,
      boolean requirePolicies,
      List<String> problems,
      Set<WorkflowDefinition> seen) {
    if (!seen.add(def)) {
      return;
    }
    WorkflowActions wa = def.actions();
    Map<String, ActionSpec<?>> actions = new LinkedHashMap<>();
    actions.put("initialize", wa.initializeAction());
    actions.put("cancel", wa.cancelAction());
    checkActions(where, actions, catalog, requirePolicies, problems);
    for (TaskDefinition t : def.tasks()) {
      if (t instanceof AtomicTaskDefinition a) {
        WorkItemActions w = a.workItem().actions();
        Map<String, ActionSpec<?>> items = new LinkedHashMap<>();
        items.put("initialize", w.initializeAction());
        items.put("start", w.startAction());
        items.put("complete", w.completeAction());
        items.put("fail", w.failAction());
        items.put("cancel", w.cancelAction());
        items.put("reset", w.resetAction());
        MessageWait wait = a.workItem().awaits();
        Policy messagePolicy = wait == null ? null : wait.message().policy();
        if (wait != null && messagePolicy != null) {
          // correlate's policy (docs/messages.md): its scopes must be declared as well
          items.put(
              "correlate (message '" + wait.message().name() + "')",
              new ActionSpec<>(Object.class, null, messagePolicy));
        }
        String item = where + ", task '" + t.name() + "' (work item '" + a.workItem().name() + "')";
        checkActions(item, items, catalog, requirePolicies, problems);
        checkOffer(item, a.workItem().staticOffer(), catalog, problems);
      } else if (t instanceof CompositeTaskDefinition c) {
        for (WorkflowDefinition child : c.children().values()) {
          checkWorkflow(
              child,
              where + ", task '" + t.name() + "', child workflow '" + child.name() + "'",
              catalog,
              requirePolicies,
              problems,
              seen);
        }
      }
    }
  }

  /**
   * The scopes of a static offer must be declared: an undeclared one would match nobody, and its
   * work items would wait in no queue. (Groups are data, created at run time, and not checked.)
   */
  private static void checkOffer(
      String where, @Nullable Offer offer, ScopeCatalog catalog, List<String> problems) {
    if (offer == null) {
      return;
    }
    List<String> scopes = new ArrayList<>(offer.scopes());
    String supervisor = offer.supervisorScope();
    if (supervisor != null) {
      scopes.add(supervisor);
    }
    for (String scope : scopes) {
      if (catalog.scope(scope).isEmpty()) {
        problems.add(
            where
                + ": its offer names scope '"
                + scope
                + "', which no ScopeModule declares, so nobody could ever hold it; declare it in"
                + " a module given to TasquencerBuilder.identity(id -> id.scopes(...)), or fix its"
                + " spelling");
      }
    }
  }

  private static void checkActions(
      String where,
      Map<String, ActionSpec<?>> actions,
      ScopeCatalog catalog,
      boolean requirePolicies,
      List<String> problems) {
    actions.forEach(
        (name, spec) -> {
          Policy policy = spec.policy();
          if (policy == null) {
            if (requirePolicies && spec.isCustom()) {
              problems.add(
                  where
                      + ": the "
                      + name
                      + " action has a callback but no policy; with requirePolicies(true) every"
                      + " action open to outside callers needs one: pass a Policy"
                      + " (Policy.requireScope(...), or Policy.anyActor() for every caller that"
                      + " names an actor) before the callback");
            }
            return;
          }
          for (String scope : policy.scopes()) {
            if (catalog.scope(scope).isEmpty()) {
              problems.add(
                  where
                      + ": the policy of the "
                      + name
                      + " action requires scope '"
                      + scope
                      + "', which no ScopeModule declares"
                      + (scope.indexOf('*') >= 0
                          ? " (a policy requires plain scopes; wildcards are grants of roles)"
                          : "")
                      + "; declare it in a module given to TasquencerBuilder.identity(id ->"
                      + " id.scopes(...)), or fix its spelling");
            }
          }
        });
  }

  // ------------------------------------------------------------------------------ run time

  /**
   * Before the payload is validated: refuses an external call of an action that outside callers may
   * not use (a default action without a policy), and an external call without an actor of an action
   * that has a policy. Internal calls pass.
   */
  void admit(Call call, ActionSpec<?> spec, String action, Object element) {
    if (call.internal()) {
      return;
    }
    if (!spec.isExternal()) {
      throw new NotInternalCallException(action, element.toString());
    }
    Policy policy = spec.policy();
    if (policy != null && call.actor() == null) {
      throw new NotAuthorizedException(
          null, action, element.toString(), policy.describe(), "no actor");
    }
  }

  /** What a policy decides about: the action and its element. */
  record Target(
      String action,
      Object element,
      String workflow,
      @Nullable String task,
      @Nullable UUID workflowId,
      @Nullable WorkItemRow workItem) {}

  /**
   * Whether the call must pass the action's policy: an external call of an action that has one.
   * Asked before a {@link Target} is made, so that internal calls allocate nothing for policies.
   */
  boolean checks(Call call, ActionSpec<?> spec) {
    return !call.internal() && spec.policy() != null;
  }

  /**
   * After the payload is validated, before anything changes: evaluates the action's policy for an
   * external call ({@link #checks}) and refuses it with {@link NotAuthorizedException} when the
   * policy denies.
   */
  void authorize(Call call, ActionSpec<?> spec, Target target, @Nullable Object payload) {
    Policy policy = spec.policy();
    if (call.internal() || policy == null) {
      return;
    }
    Actor actor = Objects.requireNonNull(call.actor(), "admit refused calls without an actor");
    String denial = evaluate(policy, new Context(call, actor, target, payload));
    if (denial != null) {
      throw new NotAuthorizedException(
          actor, target.action(), target.element().toString(), policy.describe(), denial);
    }
  }

  /**
   * An external {@code correlate} (docs/messages.md): the message must declare a policy (without
   * one only internal calls may send it), the call must name an actor, and the policy must allow
   * it. Evaluated before the call reads any wait, so that a refused caller learns nothing of them.
   * The policy context's workflow is the message's name; it names no work item.
   */
  void authorizeMessage(Call call, Message message, String key, @Nullable Object payload) {
    if (call.internal()) {
      return;
    }
    String element = "message '" + message.name() + "' with key '" + key + "'";
    Policy policy = message.policy();
    if (policy == null) {
      throw new NotInternalCallException(
          "correlate of "
              + element
              + ": the message declares no policy, so only internal calls may send it. Call"
              + " engine.internal().correlate(...), or open it to outside callers with"
              + " Message.named(\""
              + message.name()
              + "\").allowedBy(policy)");
    }
    Actor actor = call.actor();
    if (actor == null) {
      throw new NotAuthorizedException(null, "correlate", element, policy.describe(), "no actor");
    }
    String denial =
        evaluate(
            policy,
            new Context(
                call,
                actor,
                new Target("correlate", element, message.name(), null, null, null),
                payload));
    if (denial != null) {
      throw new NotAuthorizedException(actor, "correlate", element, policy.describe(), denial);
    }
  }

  /** Null when {@code policy} allows, otherwise why it denies. */
  private @Nullable String evaluate(Policy policy, Context ctx) {
    if (policy instanceof Policy.Scopes s) {
      List<String> missing = new ArrayList<>();
      for (String scope : s.scopes()) {
        if (ctx.holds(scope)) {
          if (s.match() == Policy.Match.ANY) {
            return null;
          }
        } else {
          missing.add(scope);
        }
      }
      if (missing.isEmpty()) {
        return null;
      }
      String why =
          s.match() == Policy.Match.ANY && s.scopes().size() > 1
              ? "holds none of the scopes " + String.join(", ", missing)
              : (missing.size() == 1 ? "lacks scope " : "lacks scopes ")
                  + String.join(", ", missing);
      return ctx.actor.kind() == Actor.Kind.USER
          ? why
          : why + "; only users hold scopes, not " + ctx.actor.kind().id() + "s";
    } else if (policy instanceof Policy.AnyOf any) {
      List<String> reasons = new ArrayList<>();
      for (Policy p : any.policies()) {
        String r = evaluate(p, ctx);
        if (r == null) {
          return null;
        }
        reasons.add(p.describe() + ": " + r);
      }
      return "no alternative allows: " + String.join("; ", reasons);
    } else if (policy instanceof Policy.AllOf all) {
      for (Policy p : all.policies()) {
        String r = evaluate(p, ctx);
        if (r != null) {
          return all.policies().size() == 1 ? r : p.describe() + " denies: " + r;
        }
      }
      return null;
    } else if (policy instanceof Policy.Custom c) {
      boolean allows;
      try {
        allows = c.condition().allows(ctx);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new UserCodeException(
            "policy rule '"
                + c.name()
                + "' of "
                + ctx.target.action()
                + " of "
                + ctx.target.element(),
            e);
      }
      return allows ? null : "rule " + c.name() + " answered no";
    }
    return null; // Policy.AnyActor: the actor is there
  }

  /** The policy context of one evaluation; the actor's grants are read once per call. */
  private final class Context implements PolicyContext {
    final Call call;
    final Actor actor;
    final Target target;
    final @Nullable Object payload;

    Context(Call call, Actor actor, Target target, @Nullable Object payload) {
      this.call = call;
      this.actor = actor;
      this.target = target;
      this.payload = payload;
    }

    boolean holds(String scope) {
      Set<String> grants = call.actorGrants;
      if (grants == null) {
        grants = identity().grants(call, actor);
        call.actorGrants = grants;
      }
      return ScopeCatalog.covers(grants, scope);
    }

    @Override
    public Actor actor() {
      return actor;
    }

    @Override
    public String action() {
      return target.action();
    }

    @Override
    public String workflow() {
      return target.workflow();
    }

    @Override
    public Optional<String> task() {
      return Optional.ofNullable(target.task());
    }

    @Override
    public Optional<UUID> workflowId() {
      return Optional.ofNullable(target.workflowId());
    }

    @Override
    public Optional<WorkItemView> workItem() {
      WorkItemRow wi = target.workItem();
      return wi == null ? Optional.empty() : Optional.of(new ChildViews.WorkItem(call, wi));
    }

    @Override
    public Optional<Allocation> allocation() {
      WorkItemRow wi = target.workItem();
      if (wi == null) {
        return Optional.empty();
      }
      return call.engine
          .allocations
          .of(call, call.engine.workItems.taskOf(call, wi), wi)
          .map(AllocationRow::snapshot);
    }

    @Override
    public @Nullable Object payload() {
      return payload;
    }

    @Override
    public <T> @Nullable T payload(Class<T> type) {
      return call.engine.codec.as(payload, type);
    }

    @Override
    public boolean hasScope(String scope) {
      identity().requiredScope("PolicyContext.hasScope", scope);
      return holds(scope);
    }

    @Override
    public Db db() {
      return call.session.db();
    }

    @Override
    public Instant now() {
      return call.now;
    }
  }
}
