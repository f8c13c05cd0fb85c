package dev.tasquencer.api.allocation;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.error.InvalidArgumentException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * To whom a work item is offered: users by id, groups by name, holders of scopes, and/or agents. An
 * actor may claim the work item when any target matches it (see {@code docs/work-allocation.md}).
 * Immutable: each method returns a new offer.
 *
 * <pre>{@code
 * Offer.toGroups("managers").scopes("expense:approve").supervisedBy("expense:admin")
 * }</pre>
 *
 * @param users ids of users (actors of kind {@code USER}) who may claim
 * @param groups names of groups whose active members may claim
 * @param scopes scopes whose holders may claim (a declared scope, as a policy names it)
 * @param forAgents whether agents (actors of kind {@code AGENT}) may claim
 * @param supervisorScope the override scope: its holders may release or delegate anyone's claim and
 *     work an item claimed by someone else; null when there is none
 * @param releaseOnReset whether a reset of the work item releases its claim
 */
public record Offer(
    Set<String> users,
    Set<String> groups,
    Set<String> scopes,
    boolean forAgents,
    @Nullable String supervisorScope,
    boolean releaseOnReset) {

  /** The longest group name (as {@code tq_group} stores it). */
  private static final int MAX_GROUP = 100;

  /** The longest scope (as {@code tq_role_scope} stores it). */
  private static final int MAX_SCOPE = 200;

  public Offer {
    users = names("user id", users, Actor.MAX_ID);
    groups = names("group", groups, MAX_GROUP);
    scopes = names("scope", scopes, MAX_SCOPE);
    if (supervisorScope != null) {
      name("supervisor scope", supervisorScope, MAX_SCOPE);
    }
    if (users.isEmpty() && groups.isEmpty() && scopes.isEmpty() && !forAgents) {
      throw new InvalidArgumentException(
          "an offer names no user, group, scope or agents, so nobody could claim its work item;"
              + " offer it with Offer.toUsers, toGroups, toScopes or toAgents");
    }
  }

  /** Offered to the users with these ids. */
  public static Offer toUsers(String... ids) {
    return new Offer(plus(Set.of(), ids), Set.of(), Set.of(), false, null, false);
  }

  /** Offered to the active members of these groups. */
  public static Offer toGroups(String... names) {
    return new Offer(Set.of(), plus(Set.of(), names), Set.of(), false, null, false);
  }

  /** Offered to the holders of these scopes. */
  public static Offer toScopes(String... scopes) {
    return new Offer(Set.of(), Set.of(), plus(Set.of(), scopes), false, null, false);
  }

  /** Offered to agents. */
  public static Offer toAgents() {
    return new Offer(Set.of(), Set.of(), Set.of(), true, null, false);
  }

  /** This offer, to these users too. */
  public Offer users(String... ids) {
    return new Offer(plus(users, ids), groups, scopes, forAgents, supervisorScope, releaseOnReset);
  }

  /** This offer, to these users too. */
  public Offer users(Collection<String> ids) {
    return users(ids.toArray(String[]::new));
  }

  /** This offer, to the members of these groups too. */
  public Offer groups(String... names) {
    return new Offer(
        users, plus(groups, names), scopes, forAgents, supervisorScope, releaseOnReset);
  }

  /** This offer, to the holders of these scopes too. */
  public Offer scopes(String... names) {
    return new Offer(
        users, groups, plus(scopes, names), forAgents, supervisorScope, releaseOnReset);
  }

  /** This offer, to agents too. */
  public Offer agents() {
    return new Offer(users, groups, scopes, true, supervisorScope, releaseOnReset);
  }

  /** This offer, with {@code scope} as its override scope. */
  public Offer supervisedBy(String scope) {
    return new Offer(users, groups, scopes, forAgents, scope, releaseOnReset);
  }

  /** This offer, whose claim a reset of the work item releases. */
  public Offer releasedOnReset() {
    return new Offer(users, groups, scopes, forAgents, supervisorScope, true);
  }

  @Override
  public String toString() {
    List<String> parts =
        Stream.of(
                users.isEmpty() ? null : "users " + users,
                groups.isEmpty() ? null : "groups " + groups,
                scopes.isEmpty() ? null : "scopes " + scopes,
                forAgents ? "agents" : null)
            .filter(Objects::nonNull)
            .toList();
    return String.join(", ", parts);
  }

  private static Set<String> plus(Set<String> known, String... more) {
    Objects.requireNonNull(more, "names");
    Set<String> out = new LinkedHashSet<>(known);
    out.addAll(Arrays.asList(more));
    return out;
  }

  private static Set<String> names(String kind, Set<String> names, int max) {
    Objects.requireNonNull(names, kind + "s");
    for (String n : names) {
      name(kind, n, max);
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(names));
  }

  private static void name(String kind, @Nullable String name, int max) {
    if (name == null || name.isBlank() || name.length() > max || name.indexOf('\0') >= 0) {
      throw new InvalidArgumentException(
          "an offer names the "
              + kind
              + " '"
              + name
              + "': it must be 1 to "
              + max
              + " characters, not blank, without NUL characters");
    }
  }
}
