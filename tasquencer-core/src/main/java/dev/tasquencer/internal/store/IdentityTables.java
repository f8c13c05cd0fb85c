package dev.tasquencer.internal.store;

import dev.tasquencer.api.identity.Group;
import dev.tasquencer.api.identity.Membership;
import dev.tasquencer.api.identity.Role;
import dev.tasquencer.api.identity.RoleAssignment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The identity tables ({@code tq_role}, {@code tq_role_scope}, {@code tq_group}, {@code
 * tq_group_member}, {@code tq_group_role}, {@code tq_user_role}) and their statements, on the
 * connection of the caller's transaction. No method commits; a failure is a {@link
 * dev.tasquencer.api.error.DataAccessException} with the {@link SQLException} as its cause (a
 * unique-key violation there means a concurrent call created the same row).
 */
public final class IdentityTables {
  static final String ROLE = "tq_role";
  static final String ROLE_SCOPE = "tq_role_scope";
  static final String GROUP = "tq_group";
  static final String GROUP_MEMBER = "tq_group_member";
  static final String GROUP_ROLE = "tq_group_role";
  static final String USER_ROLE = "tq_user_role";

  /** Every identity table, for tests that compare them before and after a call. */
  public static final List<String> TABLES =
      List.of(ROLE, ROLE_SCOPE, GROUP, GROUP_MEMBER, GROUP_ROLE, USER_ROLE);

  /** The columns of {@code tq_role} and of {@code tq_group}: the two have the same shape. */
  static final Columns NAMED =
      Columns.of("id", "name", "description", "active", "created_at", "updated_at");

  static final Columns MEMBER = Columns.of("user_id", "group_id", "joined_at", "expires_at");
  static final Columns USER_ROLE_COLUMNS =
      Columns.of("user_id", "role_id", "assigned_at", "expires_at");

  /**
   * The ids of the roles a user holds at a time ({@code ?} user, {@code ?} now, {@code ?} user,
   * {@code ?} now): assigned directly and not expired, or assigned to an active group of which the
   * user is a member, membership not expired. Both branches start from the user's rows by the
   * primary keys' leading {@code user_id}; the group branch then reads its groups' roles by the
   * primary key of {@code tq_group_role}.
   */
  static final String ROLES_OF_USER_AT =
      "select ur.role_id from "
          + USER_ROLE
          + " ur where ur.user_id = ? and (ur.expires_at is null or ur.expires_at > ?)"
          + " union select gr.role_id from "
          + GROUP_MEMBER
          + " m join "
          + GROUP
          + " g on g.id = m.group_id join "
          + GROUP_ROLE
          + " gr on gr.group_id = m.group_id"
          + " where m.user_id = ? and g.active = true"
          + " and (m.expires_at is null or m.expires_at > ?)";

  /** A user's effective grants: the scopes of the active roles among {@link #ROLES_OF_USER_AT}. */
  static final String EFFECTIVE_SCOPES =
      "select distinct rs.scope from "
          + ROLE_SCOPE
          + " rs join "
          + ROLE
          + " r on r.id = rs.role_id where r.active = true and rs.role_id in ("
          + ROLES_OF_USER_AT
          + ") order by rs.scope";

  private static final Map<Integer, String> HAS_ANY_OF = new ConcurrentHashMap<>();

  private static final Map<Integer, String> IN_ANY_OF = new ConcurrentHashMap<>();

  private static final String ROLE_WITH_SCOPES =
      "select "
          + NAMED.qualified("r", "")
          + ", s.scope from %s r left join "
          + ROLE_SCOPE
          + " s on s.role_id = r.id order by r.name, s.scope";

  private IdentityTables() {}

  // ---------------------------------------------------------------- effective scopes

  /** The effective grants of a user at {@code now}, sorted. */
  public static SortedSet<String> effectiveScopes(Connection c, String userId, Instant now) {
    List<String> scopes =
        new Statements(c).all(EFFECTIVE_SCOPES, rs -> rs.getString(1), userId, now, userId, now);
    return Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
  }

  /** Whether a user holds any of {@code grants} at {@code now}: one indexed query. */
  public static boolean holdsAny(Connection c, String userId, Instant now, List<String> grants) {
    String sql =
        HAS_ANY_OF.computeIfAbsent(
            grants.size(),
            n ->
                "select 1 from "
                    + ROLE_SCOPE
                    + " rs join "
                    + ROLE
                    + " r on r.id = rs.role_id where r.active = true and rs.scope in ("
                    + String.join(",", Collections.nCopies(n, "?"))
                    + ") and rs.role_id in ("
                    + ROLES_OF_USER_AT
                    + ") limit 1");
    List<Object> params = new ArrayList<>(grants);
    params.add(userId);
    params.add(now);
    params.add(userId);
    params.add(now);
    return new Statements(c).first(sql, rs -> true, params.toArray()).isPresent();
  }

  /**
   * The names of the active groups of which a user is, at {@code now}, a member (not expired): from
   * the user's memberships by the primary key's leading {@code user_id}.
   */
  public static List<String> activeGroups(Connection c, String userId, Instant now) {
    return new Statements(c)
        .all(
            "select g.name from "
                + GROUP_MEMBER
                + " m join "
                + GROUP
                + " g on g.id = m.group_id where m.user_id = ? and g.active = true"
                + " and (m.expires_at is null or m.expires_at > ?) order by g.name",
            rs -> rs.getString(1),
            userId,
            now);
  }

  /**
   * Whether a user is, at {@code now}, a member (not expired) of an active group named in {@code
   * groups}: one query from the user's memberships by the primary key's leading {@code user_id}.
   */
  public static boolean memberOfAny(
      Connection c, String userId, Instant now, Collection<String> groups) {
    if (groups.isEmpty()) {
      return false;
    }
    String sql =
        IN_ANY_OF.computeIfAbsent(
            groups.size(),
            n ->
                "select 1 from "
                    + GROUP_MEMBER
                    + " m join "
                    + GROUP
                    + " g on g.id = m.group_id where m.user_id = ? and g.active = true"
                    + " and (m.expires_at is null or m.expires_at > ?) and g.name in ("
                    + String.join(",", Collections.nCopies(n, "?"))
                    + ") limit 1");
    List<Object> params = new ArrayList<>();
    params.add(userId);
    params.add(now);
    params.addAll(groups);
    return new Statements(c).first(sql, rs -> true, params.toArray()).isPresent();
  }

  // ---------------------------------------------------------------- roles

  /** The role of this name, with its scopes. */
  public static Optional<Role> role(Connection c, String name) {
    List<Role> roles =
        readRoles(
            new Statements(c),
            String.format(ROLE_WITH_SCOPES, "(select * from " + ROLE + " where name = ?)"),
            name);
    return roles.isEmpty() ? Optional.empty() : Optional.of(roles.get(0));
  }

  /** At most {@code limit} roles named after {@code after} (null: from the first), by name. */
  public static List<Role> roles(Connection c, @Nullable String after, int limit) {
    String page =
        after == null
            ? "(select * from " + ROLE + " order by name limit ?)"
            : "(select * from " + ROLE + " where name > ? order by name limit ?)";
    Object[] params = after == null ? new Object[] {limit} : new Object[] {after, limit};
    return readRoles(new Statements(c), String.format(ROLE_WITH_SCOPES, page), params);
  }

  private static List<Role> readRoles(Statements s, String sql, Object... params) {
    return s.result(
        sql,
        rs -> {
          Map<UUID, Role> roles = new LinkedHashMap<>();
          while (rs.next()) {
            UUID id = Params.uuid(rs, "id");
            Role role = roles.get(id);
            if (role == null) {
              role =
                  new Role(
                      id,
                      rs.getString("name"),
                      rs.getString("description"),
                      new TreeSet<>(),
                      rs.getBoolean("active"),
                      Params.instant(rs, "created_at"),
                      Params.instant(rs, "updated_at"));
              roles.put(id, role);
            }
            String scope = rs.getString("scope");
            if (scope != null) {
              role.scopes().add(scope);
            }
          }
          List<Role> out = new ArrayList<>(roles.size());
          for (Role r : roles.values()) {
            out.add(
                new Role(
                    r.id(),
                    r.name(),
                    r.description(),
                    Collections.unmodifiableSortedSet(r.scopes()),
                    r.active(),
                    r.createdAt(),
                    r.updatedAt()));
          }
          return out;
        },
        params);
  }

  /** Inserts a role and its scopes. */
  public static void insertRole(Connection c, Role role) {
    Statements s = new Statements(c);
    s.update(
        insert(ROLE, NAMED),
        namedValues(
            role.id(),
            role.name(),
            role.description(),
            role.active(),
            role.createdAt(),
            role.updatedAt()));
    insertScopes(s, role.id(), role.scopes());
  }

  /** Sets a role's description and replaces its scopes. */
  public static void updateRole(
      Connection c, UUID id, String description, Collection<String> scopes, Instant now) {
    Statements s = new Statements(c);
    s.update(
        "update " + ROLE + " set description = ?, updated_at = ? where id = ?",
        description,
        now,
        id);
    s.update("delete from " + ROLE_SCOPE + " where role_id = ?", id);
    insertScopes(s, id, scopes);
  }

  private static void insertScopes(Statements s, UUID roleId, Collection<String> scopes) {
    for (String scope : scopes) {
      s.update("insert into " + ROLE_SCOPE + " (role_id, scope) values (?, ?)", roleId, scope);
    }
  }

  /** The two tables of named things with an active flag. */
  public enum Kind {
    ROLE(IdentityTables.ROLE),
    GROUP(IdentityTables.GROUP);

    private final String table;

    Kind(String table) {
      this.table = table;
    }
  }

  /** Activates or deactivates a role or group. */
  public static void setActive(Connection c, Kind kind, UUID id, boolean active, Instant now) {
    new Statements(c)
        .update(
            "update " + kind.table + " set active = ?, updated_at = ? where id = ?",
            active,
            now,
            id);
  }

  /** Deletes a role with its scopes and its assignments to groups and users. */
  public static void deleteRole(Connection c, UUID id) {
    Statements s = new Statements(c);
    s.update("delete from " + ROLE_SCOPE + " where role_id = ?", id);
    s.update("delete from " + GROUP_ROLE + " where role_id = ?", id);
    s.update("delete from " + USER_ROLE + " where role_id = ?", id);
    s.update("delete from " + ROLE + " where id = ?", id);
  }

  // ---------------------------------------------------------------- groups

  public static Optional<Group> group(Connection c, String name) {
    return new Statements(c)
        .first(
            "select " + NAMED.list() + " from " + GROUP + " where name = ?",
            IdentityTables::readGroup,
            name);
  }

  /** At most {@code limit} groups named after {@code after} (null: from the first), by name. */
  public static List<Group> groups(Connection c, @Nullable String after, int limit) {
    String select = "select " + NAMED.list() + " from " + GROUP;
    Statements s = new Statements(c);
    return after == null
        ? s.all(select + " order by name limit ?", IdentityTables::readGroup, limit)
        : s.all(
            select + " where name > ? order by name limit ?",
            IdentityTables::readGroup,
            after,
            limit);
  }

  private static Group readGroup(ResultSet rs) throws SQLException {
    return new Group(
        Params.uuid(rs, "id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getBoolean("active"),
        Params.instant(rs, "created_at"),
        Params.instant(rs, "updated_at"));
  }

  public static void insertGroup(Connection c, Group g) {
    new Statements(c)
        .update(
            insert(GROUP, NAMED),
            namedValues(
                g.id(), g.name(), g.description(), g.active(), g.createdAt(), g.updatedAt()));
  }

  public static void updateGroup(Connection c, UUID id, String description, Instant now) {
    new Statements(c)
        .update(
            "update " + GROUP + " set description = ?, updated_at = ? where id = ?",
            description,
            now,
            id);
  }

  /** Deletes a group with its memberships and its role assignments. */
  public static void deleteGroup(Connection c, UUID id) {
    Statements s = new Statements(c);
    s.update("delete from " + GROUP_MEMBER + " where group_id = ?", id);
    s.update("delete from " + GROUP_ROLE + " where group_id = ?", id);
    s.update("delete from " + GROUP + " where id = ?", id);
  }

  // ---------------------------------------------------------------- memberships

  /** Creates or renews a membership. */
  public static void putMember(
      Connection c, String userId, UUID groupId, Instant joinedAt, @Nullable Instant expiresAt) {
    put(c, GROUP_MEMBER, MEMBER, userId, groupId, joinedAt, expiresAt);
  }

  public static boolean deleteMember(Connection c, String userId, UUID groupId) {
    return new Statements(c)
            .update(
                "delete from " + GROUP_MEMBER + " where user_id = ? and group_id = ?",
                userId,
                groupId)
        > 0;
  }

  /** At most {@code limit} members of a group with ids after {@code after}, by user id. */
  public static List<Membership> members(
      Connection c, UUID groupId, @Nullable String after, int limit) {
    String select =
        "select m.user_id, g.name, m.joined_at, m.expires_at from "
            + GROUP_MEMBER
            + " m join "
            + GROUP
            + " g on g.id = m.group_id where m.group_id = ?";
    Statements s = new Statements(c);
    return after == null
        ? s.all(select + " order by m.user_id limit ?", IdentityTables::readMember, groupId, limit)
        : s.all(
            select + " and m.user_id > ? order by m.user_id limit ?",
            IdentityTables::readMember,
            groupId,
            after,
            limit);
  }

  /** Every membership of a user, by group name. */
  public static List<Membership> memberships(Connection c, String userId) {
    return new Statements(c)
        .all(
            "select m.user_id, g.name, m.joined_at, m.expires_at from "
                + GROUP_MEMBER
                + " m join "
                + GROUP
                + " g on g.id = m.group_id where m.user_id = ? order by g.name",
            IdentityTables::readMember,
            userId);
  }

  private static Membership readMember(ResultSet rs) throws SQLException {
    return new Membership(
        rs.getString(1),
        rs.getString(2),
        Params.instant(rs, "joined_at"),
        Params.nullableInstant(rs, "expires_at"));
  }

  // ---------------------------------------------------------------- role assignments

  /** Assigns a role to a group; false when it was assigned already. */
  public static boolean assignToGroup(Connection c, UUID roleId, UUID groupId, Instant now) {
    Statements s = new Statements(c);
    if (s.first(
            "select 1 from " + GROUP_ROLE + " where group_id = ? and role_id = ?",
            rs -> true,
            groupId,
            roleId)
        .isPresent()) {
      return false;
    }
    s.update(
        "insert into " + GROUP_ROLE + " (group_id, role_id, assigned_at) values (?, ?, ?)",
        groupId,
        roleId,
        now);
    return true;
  }

  public static boolean unassignFromGroup(Connection c, UUID roleId, UUID groupId) {
    return new Statements(c)
            .update(
                "delete from " + GROUP_ROLE + " where group_id = ? and role_id = ?",
                groupId,
                roleId)
        > 0;
  }

  /** The names of a group's roles, sorted. */
  public static List<String> rolesOfGroup(Connection c, UUID groupId) {
    return new Statements(c)
        .all(
            "select r.name from "
                + GROUP_ROLE
                + " gr join "
                + ROLE
                + " r on r.id = gr.role_id where gr.group_id = ? order by r.name",
            rs -> rs.getString(1),
            groupId);
  }

  /** Creates or renews a direct assignment of a role to a user. */
  public static void putUserRole(
      Connection c, String userId, UUID roleId, Instant assignedAt, @Nullable Instant expiresAt) {
    put(c, USER_ROLE, USER_ROLE_COLUMNS, userId, roleId, assignedAt, expiresAt);
  }

  public static boolean deleteUserRole(Connection c, String userId, UUID roleId) {
    return new Statements(c)
            .update(
                "delete from " + USER_ROLE + " where user_id = ? and role_id = ?", userId, roleId)
        > 0;
  }

  /** The roles assigned to a user directly, by role name. */
  public static List<RoleAssignment> rolesOfUser(Connection c, String userId) {
    return new Statements(c)
        .all(
            "select ur.user_id, r.name, ur.assigned_at, ur.expires_at from "
                + USER_ROLE
                + " ur join "
                + ROLE
                + " r on r.id = ur.role_id where ur.user_id = ? order by r.name",
            rs ->
                new RoleAssignment(
                    rs.getString(1),
                    rs.getString(2),
                    Params.instant(rs, "assigned_at"),
                    Params.nullableInstant(rs, "expires_at")),
            userId);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Creates or renews a row of a table keyed by (user, other id) with a time and an expiry, the
   * shape of {@link #MEMBER} and {@link #USER_ROLE_COLUMNS}: update it, insert it when there was
   * none. A concurrent insert of the same key fails on the primary key; the caller runs again.
   */
  private static void put(
      Connection c,
      String table,
      Columns columns,
      String userId,
      UUID id,
      Instant at,
      @Nullable Instant expiresAt) {
    String user = columns.names().get(0);
    String other = columns.names().get(1);
    Statements s = new Statements(c);
    int updated =
        s.update(
            "update "
                + table
                + " set "
                + columns.without(user, other).assignments(x -> "?")
                + " where "
                + Columns.of(user, other).matching(),
            at,
            expiresAt,
            userId,
            id);
    if (updated == 0) {
      s.update(insert(table, columns), userId, id, at, expiresAt);
    }
  }

  private static String insert(String table, Columns columns) {
    return "insert into " + table + " (" + columns.list() + ") values " + columns.values(c -> "?");
  }

  private static Object[] namedValues(
      UUID id, String name, String description, boolean active, Instant created, Instant updated) {
    return new Object[] {id, name, description, active, created, updated};
  }
}
