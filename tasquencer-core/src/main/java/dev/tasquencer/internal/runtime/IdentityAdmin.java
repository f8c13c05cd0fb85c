package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Origin;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DataAccessException;
import dev.tasquencer.api.error.DuplicateNameException;
import dev.tasquencer.api.error.GroupNotFoundException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.RoleNotFoundException;
import dev.tasquencer.api.error.UnknownScopeException;
import dev.tasquencer.api.error.UnknownUserException;
import dev.tasquencer.api.identity.Group;
import dev.tasquencer.api.identity.Identity;
import dev.tasquencer.api.identity.IdentityPage;
import dev.tasquencer.api.identity.IdentityProvider;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.api.identity.Membership;
import dev.tasquencer.api.identity.Role;
import dev.tasquencer.api.identity.RoleAssignment;
import dev.tasquencer.api.identity.ScopeCatalog;
import dev.tasquencer.internal.store.IdentityTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code engine.identity()}: every administration call in a transaction of its own (through {@link
 * EngineCore#execute}, with its retries), the bootstrap from code at build time, and the scope
 * checks that later engine features (authorized actions, offers, queues) make inside their own
 * calls ({@link #holds(Call, Actor, String)}).
 */
final class IdentityAdmin implements Identity {
  private static final Logger log = LoggerFactory.getLogger(IdentityAdmin.class);

  /** How often a call is re-run after a concurrent call created the same row first. */
  private static final int DUPLICATE_ATTEMPTS = 3;

  private static final int MAX_NAME = 100;
  private static final int MAX_DESCRIPTION = 1000;

  private final EngineCore core;
  private final ScopeCatalog catalog;
  private final IdentityProvider provider;
  private final IdentitySetup setup;

  private IdentityAdmin(
      EngineCore core, ScopeCatalog catalog, IdentityProvider provider, IdentitySetup setup) {
    this.core = core;
    this.catalog = catalog;
    this.provider = provider;
    this.setup = setup;
  }

  /**
   * The identity settings checked without the database: the scope catalogue, and the names and
   * scopes of the declared roles and groups. Every problem is reported at once.
   *
   * @throws ConfigurationException naming each problem
   */
  static ScopeCatalog check(IdentitySetup setup) {
    ScopeCatalog catalog;
    try {
      catalog = ScopeCatalog.of(setup.modules());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("identity: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    for (IdentitySetup.RoleDeclaration r : setup.roles()) {
      addProblem(problems, () -> name("identity", "role", r.name()));
      addProblem(problems, () -> description("identity: role " + r.name(), r.description()));
      List<String> unknown = unknownScopes(catalog, r.scopes());
      if (!unknown.isEmpty()) {
        problems.add(new UnknownScopeException("identity: role " + r.name(), unknown).getMessage());
      }
    }
    for (IdentitySetup.GroupDeclaration g : setup.groups()) {
      addProblem(problems, () -> name("identity", "group", g.name()));
      addProblem(problems, () -> description("identity: group " + g.name(), g.description()));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "the identity settings have "
              + problems.size()
              + " problem(s):\n  - "
              + String.join("\n  - ", problems));
    }
    return catalog;
  }

  private static void addProblem(List<String> problems, Runnable check) {
    try {
      check.run();
    } catch (InvalidArgumentException e) {
      problems.add(e.getMessage());
    }
  }

  /**
   * The identity facade of an engine: applies the bootstrap of {@code setup} (checked by {@link
   * #check}) in one transaction.
   */
  static IdentityAdmin create(EngineCore core, ScopeCatalog catalog, IdentitySetup setup) {
    IdentityAdmin admin = new IdentityAdmin(core, catalog, setup.provider(), setup);
    if (!setup.roles().isEmpty() || !setup.groups().isEmpty()) {
      admin.write(
          new CallRequest("identityBootstrap", Origin.ENGINE, null, false, null, null, null, null),
          admin::bootstrap);
    }
    return admin;
  }

  // ---------------------------------------------------------------- bootstrap

  private int bootstrap(Connection c, Instant now) {
    int changes = 0;
    for (IdentitySetup.RoleDeclaration d : setup.roles()) {
      SortedSet<String> scopes = new TreeSet<>(d.scopes());
      Optional<Role> stored = IdentityTables.role(c, d.name());
      if (stored.isEmpty()) {
        IdentityTables.insertRole(
            c, new Role(UUID.randomUUID(), d.name(), d.description(), scopes, true, now, now));
        log.info("identity bootstrap: created role {} with scopes {}", d.name(), scopes);
        changes++;
      } else if (!stored.get().description().equals(d.description())
          || !stored.get().scopes().equals(scopes)) {
        IdentityTables.updateRole(c, stored.get().id(), d.description(), scopes, now);
        log.info(
            "identity bootstrap: role {} now has the scopes {} declared in code (were {})",
            d.name(),
            scopes,
            stored.get().scopes());
        changes++;
      }
    }
    for (IdentitySetup.GroupDeclaration d : setup.groups()) {
      Optional<Group> stored = IdentityTables.group(c, d.name());
      UUID groupId;
      if (stored.isEmpty()) {
        groupId = UUID.randomUUID();
        IdentityTables.insertGroup(
            c, new Group(groupId, d.name(), d.description(), true, now, now));
        log.info("identity bootstrap: created group {}", d.name());
        changes++;
      } else {
        groupId = stored.get().id();
        if (!stored.get().description().equals(d.description())) {
          IdentityTables.updateGroup(c, groupId, d.description(), now);
          changes++;
        }
      }
      for (String roleName : d.roles()) {
        Role role =
            IdentityTables.role(c, roleName)
                .orElseThrow(
                    () ->
                        new ConfigurationException(
                            "identity: group "
                                + d.name()
                                + " is to hold role '"
                                + roleName
                                + "', which is neither declared in code (id.role(...)) nor"
                                + " stored in the database; declare it, or fix the name"));
        if (IdentityTables.assignToGroup(c, role.id(), groupId, now)) {
          log.info("identity bootstrap: assigned role {} to group {}", roleName, d.name());
          changes++;
        }
      }
    }
    return changes;
  }

  // ---------------------------------------------------------------- the facade

  @Override
  public ScopeCatalog scopes() {
    return catalog;
  }

  @Override
  public IdentityProvider provider() {
    return provider;
  }

  @Override
  public Role createRole(String name, String description, Collection<String> scopes) {
    String call = "createRole";
    name(call, "role", name);
    description(call, description);
    SortedSet<String> grants = grants(call, scopes);
    return write(
        call,
        "role " + name,
        (c, now) -> {
          if (IdentityTables.role(c, name).isPresent()) {
            throw duplicate("role", name, "change it with updateRole, or choose another name");
          }
          Role role = new Role(UUID.randomUUID(), name, description, grants, true, now, now);
          IdentityTables.insertRole(c, role);
          return role;
        });
  }

  @Override
  public Role updateRole(String name, String description, Collection<String> scopes) {
    String call = "updateRole";
    description(call, description);
    SortedSet<String> grants = grants(call, scopes);
    return onRole(
        call,
        name,
        (c, now, role) -> {
          IdentityTables.updateRole(c, role.id(), description, grants, now);
          return new Role(
              role.id(), name, description, grants, role.active(), role.createdAt(), now);
        });
  }

  @Override
  public Role setRoleActive(String name, boolean active) {
    return onRole(
        "setRoleActive",
        name,
        (c, now, role) -> {
          IdentityTables.setActive(c, IdentityTables.Kind.ROLE, role.id(), active, now);
          return new Role(
              role.id(), name, role.description(), role.scopes(), active, role.createdAt(), now);
        });
  }

  @Override
  public void deleteRole(String name) {
    onRole(
        "deleteRole",
        name,
        (c, now, role) -> {
          IdentityTables.deleteRole(c, role.id());
          return role;
        });
  }

  @Override
  public Optional<Role> role(String name) {
    name("role", "role", name);
    return read(c -> IdentityTables.role(c, name));
  }

  @Override
  public List<Role> roles(IdentityPage page) {
    Args.notNull("roles", "page", page);
    return read(c -> IdentityTables.roles(c, page.after(), page.size()));
  }

  @Override
  public Group createGroup(String name, String description) {
    String call = "createGroup";
    name(call, "group", name);
    description(call, description);
    return write(
        call,
        "group " + name,
        (c, now) -> {
          if (IdentityTables.group(c, name).isPresent()) {
            throw duplicate("group", name, "change it with updateGroup, or choose another name");
          }
          Group g = new Group(UUID.randomUUID(), name, description, true, now, now);
          IdentityTables.insertGroup(c, g);
          return g;
        });
  }

  @Override
  public Group updateGroup(String name, String description) {
    String call = "updateGroup";
    description(call, description);
    return onGroup(
        call,
        name,
        (c, now, g) -> {
          IdentityTables.updateGroup(c, g.id(), description, now);
          return new Group(g.id(), name, description, g.active(), g.createdAt(), now);
        });
  }

  @Override
  public Group setGroupActive(String name, boolean active) {
    return onGroup(
        "setGroupActive",
        name,
        (c, now, g) -> {
          IdentityTables.setActive(c, IdentityTables.Kind.GROUP, g.id(), active, now);
          return new Group(g.id(), name, g.description(), active, g.createdAt(), now);
        });
  }

  @Override
  public void deleteGroup(String name) {
    onGroup(
        "deleteGroup",
        name,
        (c, now, g) -> {
          IdentityTables.deleteGroup(c, g.id());
          return g;
        });
  }

  @Override
  public Optional<Group> group(String name) {
    name("group", "group", name);
    return read(c -> IdentityTables.group(c, name));
  }

  @Override
  public List<Group> groups(IdentityPage page) {
    Args.notNull("groups", "page", page);
    return read(c -> IdentityTables.groups(c, page.after(), page.size()));
  }

  @Override
  public Membership addMember(String group, String userId, @Nullable Instant expiresAt) {
    String call = "addMember";
    name(call, "group", group);
    knownUser(call, userId);
    return write(
        call,
        "group " + group + ", user " + userId,
        (c, now) -> {
          notPast(call, expiresAt, now);
          Group g = existingGroup(c, group);
          IdentityTables.putMember(c, userId, g.id(), now, expiresAt);
          return new Membership(userId, group, now, expiresAt);
        });
  }

  @Override
  public boolean removeMember(String group, String userId) {
    String call = "removeMember";
    name(call, "group", group);
    userId(call, userId);
    return write(
        call,
        "group " + group + ", user " + userId,
        (c, now) -> IdentityTables.deleteMember(c, userId, existingGroup(c, group).id()));
  }

  @Override
  public List<Membership> members(String group, IdentityPage page) {
    name("members", "group", group);
    Args.notNull("members", "page", page);
    return read(
        c -> IdentityTables.members(c, existingGroup(c, group).id(), page.after(), page.size()));
  }

  @Override
  public List<Membership> memberships(String userId) {
    userId("memberships", userId);
    return read(c -> IdentityTables.memberships(c, userId));
  }

  @Override
  public boolean assignRoleToGroup(String role, String group) {
    String call = "assignRoleToGroup";
    name(call, "role", role);
    name(call, "group", group);
    return write(
        call,
        "role " + role + ", group " + group,
        (c, now) ->
            IdentityTables.assignToGroup(
                c, existingRole(c, role).id(), existingGroup(c, group).id(), now));
  }

  @Override
  public boolean unassignRoleFromGroup(String role, String group) {
    String call = "unassignRoleFromGroup";
    name(call, "role", role);
    name(call, "group", group);
    return write(
        call,
        "role " + role + ", group " + group,
        (c, now) ->
            IdentityTables.unassignFromGroup(
                c, existingRole(c, role).id(), existingGroup(c, group).id()));
  }

  @Override
  public List<String> rolesOfGroup(String group) {
    name("rolesOfGroup", "group", group);
    return read(c -> IdentityTables.rolesOfGroup(c, existingGroup(c, group).id()));
  }

  @Override
  public RoleAssignment assignRoleToUser(String role, String userId, @Nullable Instant expiresAt) {
    String call = "assignRoleToUser";
    name(call, "role", role);
    knownUser(call, userId);
    return write(
        call,
        "role " + role + ", user " + userId,
        (c, now) -> {
          notPast(call, expiresAt, now);
          IdentityTables.putUserRole(c, userId, existingRole(c, role).id(), now, expiresAt);
          return new RoleAssignment(userId, role, now, expiresAt);
        });
  }

  @Override
  public boolean unassignRoleFromUser(String role, String userId) {
    String call = "unassignRoleFromUser";
    name(call, "role", role);
    userId(call, userId);
    return write(
        call,
        "role " + role + ", user " + userId,
        (c, now) -> IdentityTables.deleteUserRole(c, userId, existingRole(c, role).id()));
  }

  @Override
  public List<RoleAssignment> rolesOfUser(String userId) {
    userId("rolesOfUser", userId);
    return read(c -> IdentityTables.rolesOfUser(c, userId));
  }

  @Override
  public SortedSet<String> effectiveScopes(String userId) {
    userId("effectiveScopes", userId);
    if (provider.status(userId) != IdentityProvider.Status.ACTIVE) {
      return Collections.emptySortedSet();
    }
    return core.execute(
        CallRequest.QUERY,
        call -> IdentityTables.effectiveScopes(call.session.connection(), userId, call.now));
  }

  @Override
  public boolean hasScope(Actor actor, String scope) {
    Args.notNull("hasScope", "actor", actor);
    requiredScope("hasScope", scope);
    if (!mayHoldScopes(actor)) {
      return false;
    }
    return core.execute(
        CallRequest.QUERY,
        call ->
            IdentityTables.holdsAny(
                call.session.connection(),
                actor.id(),
                call.now,
                ScopeCatalog.grantsCovering(scope)));
  }

  /**
   * Whether {@code actor} holds a grant covering {@code scope}, read in the transaction of {@code
   * call} at its time: for the engine's own checks (authorized actions, offers, queues).
   */
  boolean holds(Call call, Actor actor, String scope) {
    requiredScope("hasScope", scope);
    return mayHoldScopes(actor)
        && IdentityTables.holdsAny(
            call.session.connection(), actor.id(), call.now, ScopeCatalog.grantsCovering(scope));
  }

  /**
   * Whether {@code actor} is a user the provider calls active and a member, not expired, of an
   * active group named in {@code groups}, read in the transaction of {@code call} at its time.
   */
  boolean inAnyGroup(Call call, Actor actor, Collection<String> groups) {
    return !groups.isEmpty()
        && mayHoldScopes(actor)
        && IdentityTables.memberOfAny(call.session.connection(), actor.id(), call.now, groups);
  }

  /** The active groups {@code actor} is an unexpired member of; none unless an active user. */
  List<String> activeGroups(Call call, Actor actor) {
    return mayHoldScopes(actor)
        ? IdentityTables.activeGroups(call.session.connection(), actor.id(), call.now)
        : List.of();
  }

  /** Whether {@code actor} is a user the identity provider calls active. */
  boolean isActiveUser(Actor actor) {
    return mayHoldScopes(actor);
  }

  /** The effective grants of {@code userId}, read in the transaction of {@code call}. */
  SortedSet<String> effectiveScopes(Call call, String userId) {
    return provider.status(userId) == IdentityProvider.Status.ACTIVE
        ? IdentityTables.effectiveScopes(call.session.connection(), userId, call.now)
        : Collections.emptySortedSet();
  }

  /**
   * The effective grants of {@code actor}, read in the transaction of {@code call}: none for
   * agents, systems and users the provider does not call active.
   */
  SortedSet<String> grants(Call call, Actor actor) {
    return mayHoldScopes(actor)
        ? IdentityTables.effectiveScopes(call.session.connection(), actor.id(), call.now)
        : Collections.emptySortedSet();
  }

  private boolean mayHoldScopes(Actor actor) {
    return actor.kind() == Actor.Kind.USER
        && provider.status(actor.id()) == IdentityProvider.Status.ACTIVE;
  }

  // ---------------------------------------------------------------- transactions

  /** Work of an administration call on the call's connection, at the call's time. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c, Instant now);
  }

  private <T> T write(String call, String target, Work<T> work) {
    return write(
        CallRequest.command("identity." + call, Origin.EXTERNAL, null).addressing(target), work);
  }

  /**
   * Runs {@code work} in one engine transaction. When a concurrent call inserted the same row first
   * (a unique-key violation), the whole call runs again: it then sees that row and answers as it
   * would have if it had come second (a duplicate name, a renewed membership).
   */
  private <T> T write(CallRequest request, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return core.execute(request, call -> work.run(call.session.connection(), call.now));
      } catch (DataAccessException e) {
        if (attempt >= DUPLICATE_ATTEMPTS || !uniqueViolation(e)) {
          throw e;
        }
        log.debug("{} raced a concurrent call (attempt {}); running it again", request, attempt);
      }
    }
  }

  private boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && core.dialect.isUniqueViolation(s)) {
        return true;
      }
    }
    return false;
  }

  private <T> T read(Function<Connection, T> query) {
    return core.execute(CallRequest.QUERY, call -> query.apply(call.session.connection()));
  }

  /** Work of an administration call on an existing role or group. */
  @FunctionalInterface
  private interface OnExisting<E, T> {
    T run(Connection c, Instant now, E existing);
  }

  /** Runs {@code work} on the role {@code name} in one transaction (it must exist). */
  private <T> T onRole(String call, String name, OnExisting<Role, T> work) {
    name(call, "role", name);
    return write(call, "role " + name, (c, now) -> work.run(c, now, existingRole(c, name)));
  }

  /** Runs {@code work} on the group {@code name} in one transaction (it must exist). */
  private <T> T onGroup(String call, String name, OnExisting<Group, T> work) {
    name(call, "group", name);
    return write(call, "group " + name, (c, now) -> work.run(c, now, existingGroup(c, name)));
  }

  // ---------------------------------------------------------------- lookups and checks

  private static Role existingRole(Connection c, String name) {
    return IdentityTables.role(c, name).orElseThrow(() -> new RoleNotFoundException(name));
  }

  private static Group existingGroup(Connection c, String name) {
    return IdentityTables.group(c, name).orElseThrow(() -> new GroupNotFoundException(name));
  }

  private static DuplicateNameException duplicate(String kind, String name, String hint) {
    return new DuplicateNameException(kind, name, hint);
  }

  private static String name(String call, String kind, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidArgumentException(
          call + ": the " + kind + " name must not be " + (name == null ? "null" : "blank"));
    }
    if (name.length() > MAX_NAME) {
      throw new InvalidArgumentException(
          call
              + ": a "
              + kind
              + " name may have at most "
              + MAX_NAME
              + " characters, was "
              + name.length());
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidArgumentException(
          call + ": the " + kind + " name '" + name + "' contains control characters");
    }
    return name;
  }

  private static String description(String call, String description) {
    if (description == null) {
      throw new InvalidArgumentException(
          call + ": description must not be null; pass \"\" for none");
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new InvalidArgumentException(
          call
              + ": a description may have at most "
              + MAX_DESCRIPTION
              + " characters, was "
              + description.length());
    }
    return description;
  }

  private static String userId(String call, String userId) {
    if (userId == null) {
      throw new InvalidArgumentException(call + ": userId must not be null; pass the user's id");
    }
    try {
      return Actor.user(userId).id(); // the same rules as an actor's id
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(call + ": userId: " + e.getMessage());
    }
  }

  private void knownUser(String call, String userId) {
    userId(call, userId);
    if (provider.status(userId) == IdentityProvider.Status.UNKNOWN) {
      throw new UnknownUserException(userId);
    }
  }

  private static void notPast(String call, @Nullable Instant expiresAt, Instant now) {
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new InvalidArgumentException(
          call
              + ": expiresAt ("
              + expiresAt
              + ") is not after the engine clock's now ("
              + now
              + "); pass a later instant, null for no end, or remove the membership or"
              + " assignment instead");
    }
  }

  private SortedSet<String> grants(String call, Collection<String> scopes) {
    if (scopes == null) {
      throw new InvalidArgumentException(
          call + ": scopes must not be null; pass an empty list for a role without scopes");
    }
    SortedSet<String> out = new TreeSet<>();
    for (String s : scopes) {
      if (s == null) {
        throw new InvalidArgumentException(call + ": a scope is null");
      }
      out.add(s);
    }
    List<String> unknown = unknownScopes(catalog, out);
    if (!unknown.isEmpty()) {
      throw new UnknownScopeException(call, unknown);
    }
    return Collections.unmodifiableSortedSet(out);
  }

  private static List<String> unknownScopes(ScopeCatalog catalog, Collection<String> scopes) {
    List<String> unknown = new ArrayList<>();
    for (String s : scopes) {
      if (!catalog.isGrantable(s) && !unknown.contains(s)) {
        unknown.add(s);
      }
    }
    return unknown;
  }

  /**
   * Checks that {@code scope} is a declared scope, not a wildcard.
   *
   * @throws InvalidArgumentException for a wildcard; {@link UnknownScopeException} when undeclared
   */
  void requiredScope(String call, String scope) {
    if (scope == null) {
      throw new InvalidArgumentException(call + ": scope must not be null; pass a scope name");
    }
    if (scope.indexOf('*') >= 0) {
      throw new InvalidArgumentException(
          call
              + ": '"
              + scope
              + "' is a wildcard; ask for one scope ('expense:approve'), the question a check"
              + " answers");
    }
    if (catalog.scope(scope).isEmpty()) {
      throw new UnknownScopeException(call, List.of(scope));
    }
  }
}
