package dev.tasquencer.api.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who may perform an action from outside: the rule an action of a work item or workflow declares
 * ({@code Builder.workItemActions().complete(Decision.class,
 * Policy.requireScope("expense:approve"), (ctx, d) -> ...)}). The engine evaluates it for external
 * calls only, inside the call and before the call changes anything; a call without an actor, or
 * whose actor the policy denies, fails with {@link
 * dev.tasquencer.api.error.NotAuthorizedException}. Calls made by activities, jobs, the engine and
 * {@code engine.internal()} skip policies.
 *
 * <p>A policy is data the engine can inspect: the scopes it names are checked against the scope
 * catalogue when the engine is built ({@link #scopes()}). Build policies with the static methods.
 * Scope checks read the actor's effective scopes once per call, whatever the number of rules.
 */
public sealed interface Policy
    permits Policy.Scopes, Policy.AnyOf, Policy.AllOf, Policy.Custom, Policy.AnyActor {

  /** How the scopes of a {@link Scopes} rule combine. */
  enum Match {
    /** The actor holds every scope. */
    ALL,
    /** The actor holds at least one. */
    ANY
  }

  /**
   * The actor holds {@code scope} (through a role, directly or through a group; wildcards count).
   */
  static Policy requireScope(String scope) {
    return new Scopes(Match.ALL, List.of(scope));
  }

  /** The actor holds at least one of {@code scopes}. */
  static Policy requireAnyScope(String... scopes) {
    return new Scopes(Match.ANY, List.of(scopes));
  }

  /** The actor holds every one of {@code scopes}. */
  static Policy requireAllScopes(String... scopes) {
    return new Scopes(Match.ALL, List.of(scopes));
  }

  /** The first of {@code policies} that allows decides; denies when none allows. */
  static Policy anyOf(Policy... policies) {
    return new AnyOf(List.of(policies));
  }

  /** Allows when each of {@code policies} allows, evaluated in order; the first denial decides. */
  static Policy allOf(Policy... policies) {
    return new AllOf(List.of(policies));
  }

  /**
   * A rule of the application over the actor, the work item and the payload ("the requester may not
   * approve her own claim"), named for error messages and history.
   */
  static Policy custom(String name, Condition condition) {
    return new Custom(name, condition);
  }

  /**
   * Any actor: the call must name one ({@code engine.as(actor)}), nothing more. For actions that
   * every caller may use when the engine requires a policy on every external action.
   */
  static Policy anyActor() {
    return AnyActor.INSTANCE;
  }

  /** Every scope this policy names, in order, with repetitions removed. */
  default List<String> scopes() {
    List<String> out = new ArrayList<>();
    collectScopes(this, out);
    return List.copyOf(out);
  }

  private static void collectScopes(Policy p, List<String> out) {
    if (p instanceof Scopes s) {
      s.scopes().stream().filter(x -> !out.contains(x)).forEach(out::add);
    } else if (p instanceof AnyOf a) {
      a.policies().forEach(x -> collectScopes(x, out));
    } else if (p instanceof AllOf a) {
      a.policies().forEach(x -> collectScopes(x, out));
    }
  }

  /**
   * The policy as it reads in code, for messages: {@code anyOf(requireScope(a), custom(owner))}.
   */
  String describe();

  /** A custom rule's test. An exception it throws rolls the call back. */
  @FunctionalInterface
  interface Condition {
    boolean allows(PolicyContext ctx) throws Exception;
  }

  /**
   * The actor holds all ({@link Match#ALL}) or one ({@link Match#ANY}) of {@code scopes}.
   *
   * @param scopes declared scope names, not wildcards; at least one
   */
  record Scopes(Match match, List<String> scopes) implements Policy {
    public Scopes {
      Objects.requireNonNull(match, "match");
      scopes = List.copyOf(scopes);
      if (scopes.isEmpty()) {
        throw new IllegalArgumentException("a scope rule needs at least one scope");
      }
      for (String s : scopes) {
        if (s.isBlank()) {
          throw new IllegalArgumentException("a scope rule names a blank scope");
        }
      }
    }

    @Override
    public String describe() {
      if (scopes.size() == 1) {
        return "requireScope(" + scopes.get(0) + ")";
      }
      return (match == Match.ALL ? "requireAllScopes(" : "requireAnyScope(")
          + String.join(", ", scopes)
          + ")";
    }
  }

  /** The first part that allows decides; denies when none does. */
  record AnyOf(List<Policy> policies) implements Policy {
    public AnyOf {
      policies = parts("anyOf", policies);
    }

    @Override
    public String describe() {
      return describeAll("anyOf", policies);
    }
  }

  /** Every part must allow; the first that denies decides. */
  record AllOf(List<Policy> policies) implements Policy {
    public AllOf {
      policies = parts("allOf", policies);
    }

    @Override
    public String describe() {
      return describeAll("allOf", policies);
    }
  }

  /** A named rule of the application. */
  record Custom(String name, Condition condition) implements Policy {
    public Custom {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(condition, "condition");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a custom rule needs a name, for error messages");
      }
    }

    @Override
    public String describe() {
      return "custom(" + name + ")";
    }
  }

  /** Any actor; only a call without one is refused. */
  enum AnyActor implements Policy {
    INSTANCE;

    @Override
    public String describe() {
      return "anyActor()";
    }
  }

  private static String describeAll(String what, List<Policy> policies) {
    return what
        + "("
        + policies.stream().map(Policy::describe).collect(Collectors.joining(", "))
        + ")";
  }

  private static List<Policy> parts(String what, List<Policy> policies) {
    List<Policy> copy = List.copyOf(policies);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(what + " needs at least one policy");
    }
    return copy;
  }
}
