package dev.tasquencer.api.identity;

import dev.tasquencer.api.Actor;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * Identity and permissions of an engine ({@code engine.identity()}): the scopes declared in code,
 * the roles and groups stored in its database, and who holds what.
 *
 * <p>Every call is one transaction of its own: it commits whole or changes nothing. Calls are made
 * by the application (an administration screen, a setup script); they are not made from inside an
 * activity or action of another engine call (such a call is refused, as other engine calls are).
 * Times (expiries, {@code createdAt}) are read from and compared with the engine's clock.
 *
 * <p>Errors: a null or malformed argument raises {@link
 * dev.tasquencer.api.error.InvalidArgumentException}; a role or group that does not exist {@link
 * dev.tasquencer.api.error.RoleNotFoundException} or {@link
 * dev.tasquencer.api.error.GroupNotFoundException}; a name already taken {@link
 * dev.tasquencer.api.error.DuplicateNameException}; a scope not declared in code {@link
 * dev.tasquencer.api.error.UnknownScopeException}; a user id the {@link IdentityProvider} does not
 * know {@link dev.tasquencer.api.error.UnknownUserException}.
 *
 * <p><b>Effective scopes.</b> A user holds the scopes of every role that is active and either
 * assigned to the user directly (and not expired) or assigned to a group that is active and of
 * which the user is a member (membership not expired), provided the identity provider says the user
 * is {@link IdentityProvider.Status#ACTIVE}. The database computes them in one query.
 */
public interface Identity {
  /** The scopes and modules declared in code. */
  ScopeCatalog scopes();

  /** The identity provider the engine asks about users. */
  IdentityProvider provider();

  // ---------------------------------------------------------------- roles

  /**
   * Creates an active role.
   *
   * @param name 1 to 100 characters, not blank, unique among roles
   * @param description what the role is for (may be empty, at most 1,000 characters)
   * @param scopes declared scopes, wildcards of declared modules ({@code expense:*}) or {@code *}
   * @throws dev.tasquencer.api.error.DuplicateNameException when a role has this name
   * @throws dev.tasquencer.api.error.UnknownScopeException when a scope is not declared in code
   */
  Role createRole(String name, String description, Collection<String> scopes);

  /**
   * Replaces the description and the scopes of a role (its active flag, assignments and id stay).
   *
   * @throws dev.tasquencer.api.error.RoleNotFoundException when no role has this name
   * @throws dev.tasquencer.api.error.UnknownScopeException when a scope is not declared in code
   */
  Role updateRole(String name, String description, Collection<String> scopes);

  /**
   * Activates or deactivates a role: an inactive role grants nothing to anyone, but stays assigned,
   * so that activating it again restores what it granted.
   *
   * @throws dev.tasquencer.api.error.RoleNotFoundException when no role has this name
   */
  Role setRoleActive(String name, boolean active);

  /**
   * Deletes a role with its assignments to groups and users.
   *
   * @throws dev.tasquencer.api.error.RoleNotFoundException when no role has this name
   */
  void deleteRole(String name);

  /** The role of this name, if there is one. */
  Optional<Role> role(String name);

  /** A page of roles, by name. */
  List<Role> roles(IdentityPage page);

  // ---------------------------------------------------------------- groups

  /**
   * Creates an active group without members or roles.
   *
   * @param name 1 to 100 characters, not blank, unique among groups
   * @param description what the group is (may be empty, at most 1,000 characters)
   * @throws dev.tasquencer.api.error.DuplicateNameException when a group has this name
   */
  Group createGroup(String name, String description);

  /**
   * Replaces the description of a group.
   *
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   */
  Group updateGroup(String name, String description);

  /**
   * Activates or deactivates a group: the members of an inactive group hold none of its roles
   * through it; memberships and roles stay, so that activating it again restores them.
   *
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   */
  Group setGroupActive(String name, boolean active);

  /**
   * Deletes a group with its memberships and its role assignments.
   *
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   */
  void deleteGroup(String name);

  /** The group of this name, if there is one. */
  Optional<Group> group(String name);

  /** A page of groups, by name. */
  List<Group> groups(IdentityPage page);

  // ---------------------------------------------------------------- memberships

  /**
   * Makes a user a member of a group until {@code expiresAt} (null: without end). When the user is
   * a member already, the membership is renewed: its expiry becomes {@code expiresAt} and its
   * {@code joinedAt} now.
   *
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   * @throws dev.tasquencer.api.error.UnknownUserException when the identity provider does not know
   *     the user
   */
  Membership addMember(String group, String userId, @Nullable Instant expiresAt);

  /**
   * Ends a user's membership of a group.
   *
   * @return whether the user was a member (expired or not)
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   */
  boolean removeMember(String group, String userId);

  /**
   * A page of a group's memberships (expired ones included), by user id.
   *
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   */
  List<Membership> members(String group, IdentityPage page);

  /** Every membership of a user (expired ones included), by group name. */
  List<Membership> memberships(String userId);

  // ---------------------------------------------------------------- role assignments

  /**
   * Assigns a role to a group: its members hold the role. Assigning it again changes nothing.
   *
   * @return whether the role was not assigned to the group before
   * @throws dev.tasquencer.api.error.RoleNotFoundException when no role has this name
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   */
  boolean assignRoleToGroup(String role, String group);

  /**
   * Takes a role from a group.
   *
   * @return whether the role was assigned to the group
   * @throws dev.tasquencer.api.error.RoleNotFoundException when no role has this name
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   */
  boolean unassignRoleFromGroup(String role, String group);

  /**
   * The names of the roles assigned to a group, sorted.
   *
   * @throws dev.tasquencer.api.error.GroupNotFoundException when no group has this name
   */
  List<String> rolesOfGroup(String group);

  /**
   * Assigns a role to a user directly, until {@code expiresAt} (null: without end). When the user
   * holds it already, the assignment is renewed: its expiry becomes {@code expiresAt} and its
   * {@code assignedAt} now.
   *
   * @throws dev.tasquencer.api.error.RoleNotFoundException when no role has this name
   * @throws dev.tasquencer.api.error.UnknownUserException when the identity provider does not know
   *     the user
   */
  RoleAssignment assignRoleToUser(String role, String userId, @Nullable Instant expiresAt);

  /**
   * Takes a directly assigned role from a user (roles held through groups stay).
   *
   * @return whether the user held the role directly (expired or not)
   * @throws dev.tasquencer.api.error.RoleNotFoundException when no role has this name
   */
  boolean unassignRoleFromUser(String role, String userId);

  /** The roles assigned to a user directly (expired ones included), by role name. */
  List<RoleAssignment> rolesOfUser(String userId);

  // ---------------------------------------------------------------- effective scopes

  /**
   * What a user holds now: the scopes (and wildcards) of its effective roles, sorted; empty when
   * the identity provider does not say the user is active.
   */
  SortedSet<String> effectiveScopes(String userId);

  /**
   * Whether the actor holds a grant that covers {@code scope} now ({@link ScopeCatalog#matches}):
   * one indexed query. Only {@linkplain Actor.Kind#USER users} hold scopes; agents and systems hold
   * none.
   *
   * @param scope a declared scope name (not a wildcard)
   * @throws dev.tasquencer.api.error.UnknownScopeException when {@code scope} is not declared in
   *     code (a misspelt scope in a check would otherwise deny silently)
   */
  boolean hasScope(Actor actor, String scope);
}
