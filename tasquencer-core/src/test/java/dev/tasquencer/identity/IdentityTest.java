package dev.tasquencer.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.TasquencerBuilder;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DuplicateNameException;
import dev.tasquencer.api.error.GroupNotFoundException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.RoleNotFoundException;
import dev.tasquencer.api.error.UnknownScopeException;
import dev.tasquencer.api.error.UnknownUserException;
import dev.tasquencer.api.identity.Identity;
import dev.tasquencer.api.identity.IdentityPage;
import dev.tasquencer.api.identity.IdentityProvider;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.api.identity.Membership;
import dev.tasquencer.api.identity.Role;
import dev.tasquencer.api.identity.ScopeModule;
import dev.tasquencer.testing.DbSnapshot;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Identity and permissions on the database: who holds which scopes (directly, through groups,
 * expired, inactive, wildcards), the bootstrap from code, the administration calls with their
 * cascades and errors, and pagination.
 */
class IdentityTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  static final ScopeModule EXPENSE = ScopeCatalogTest.EXPENSE;
  static final ScopeModule EXPENSES = ScopeCatalogTest.EXPENSES;

  static final List<String> ALL_SCOPES =
      List.of("expense:approve", "expense:payment:run", "expense:submit", "expenses:x");

  static Tasquencer engine(TestDatabase db, ManualClock clock, Consumer<IdentitySetup> setup) {
    return db.engine(
        Tasquencer.builder()
            .clock(clock)
            .identity(id -> id.scopes(EXPENSE, EXPENSES))
            .identity(setup));
  }

  static Tasquencer engine(TestDatabase db, ManualClock clock) {
    return engine(db, clock, id -> {});
  }

  /** The scopes of ALL_SCOPES that {@code actor} holds, by hasScope (one query each). */
  static List<String> held(Identity identity, Actor actor) {
    List<String> out = new ArrayList<>();
    for (String s : ALL_SCOPES) {
      if (identity.hasScope(actor, s)) {
        out.add(s);
      }
    }
    return out;
  }

  @DbTest
  void effectiveScopesFollowRolesGroupsExpiriesAndActiveFlags(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine =
        engine(
            db,
            clock,
            id ->
                id.role("employee", "Files claims", "expense:submit")
                    .role("manager", "Reviews claims", "expense:approve", "expense:submit")
                    .role("payer", "Pays", "expense:payment:*")
                    .role("expenseAll", "All of expense", "expense:*")
                    .role("super", "Everything", "*")
                    .role("retired", "Deactivated below", "expense:approve")
                    .group("managers", "Managers", "manager")
                    .group("closed", "Deactivated below", "super")
                    .group("payers", "Payers", "payer"));
    Identity identity = engine.identity();
    identity.setRoleActive("retired", false);
    identity.setGroupActive("closed", false);

    identity.assignRoleToUser("employee", "alice", null);
    identity.addMember("managers", "bob", null);
    identity.addMember("managers", "carol", T0.plus(Duration.ofHours(1)));
    identity.assignRoleToUser("retired", "dave", null);
    identity.addMember("closed", "erin", null);
    identity.assignRoleToUser("expenseAll", "frank", null);
    identity.assignRoleToUser("super", "grace", null);
    identity.assignRoleToUser("manager", "heidi", T0.plus(Duration.ofMinutes(30)));
    identity.addMember("payers", "ivan", null);
    identity.assignRoleToUser("employee", "ivan", null);

    assertThat(identity.effectiveScopes("alice")).containsExactly("expense:submit");
    assertThat(held(identity, Actor.user("alice"))).containsExactly("expense:submit");
    // through a group
    assertThat(held(identity, Actor.user("bob")))
        .containsExactly("expense:approve", "expense:submit");
    assertThat(held(identity, Actor.user("carol")))
        .containsExactly("expense:approve", "expense:submit");
    // inactive role, inactive group: nothing
    assertThat(identity.effectiveScopes("dave")).isEmpty();
    assertThat(held(identity, Actor.user("dave"))).isEmpty();
    assertThat(identity.effectiveScopes("erin")).isEmpty();
    assertThat(held(identity, Actor.user("erin"))).isEmpty();
    // wildcards: expense:* covers the nested module but not 'expenses'; * covers everything
    assertThat(identity.effectiveScopes("frank")).containsExactly("expense:*");
    assertThat(held(identity, Actor.user("frank")))
        .containsExactly("expense:approve", "expense:payment:run", "expense:submit");
    assertThat(held(identity, Actor.user("grace"))).isEqualTo(ALL_SCOPES);
    // direct and through a group, combined
    assertThat(identity.effectiveScopes("ivan"))
        .containsExactly("expense:payment:*", "expense:submit");
    assertThat(held(identity, Actor.user("ivan")))
        .containsExactly("expense:payment:run", "expense:submit");
    assertThat(held(identity, Actor.user("heidi")))
        .containsExactly("expense:approve", "expense:submit");
    // agents and systems hold no scopes, whatever the id
    assertThat(held(identity, Actor.agent("grace"))).isEmpty();
    assertThat(held(identity, Actor.system("grace"))).isEmpty();
    assertThat(held(identity, Actor.user("nobody"))).isEmpty();

    // expiry at the engine clock: heidi's direct role after 30 min, carol's membership after 1 h
    clock.advance(Duration.ofMinutes(30));
    assertThat(held(identity, Actor.user("heidi"))).isEmpty();
    assertThat(held(identity, Actor.user("carol"))).hasSize(2);
    clock.advance(Duration.ofMinutes(30));
    assertThat(identity.effectiveScopes("carol")).isEmpty();
    assertThat(held(identity, Actor.user("carol"))).isEmpty();
    assertThat(held(identity, Actor.user("bob"))).hasSize(2);
    // an expired membership stays listed until it is removed or renewed
    assertThat(identity.memberships("carol"))
        .extracting(Membership::group, m -> m.activeAt(clock.instant()))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("managers", false));
    identity.addMember("managers", "carol", null);
    assertThat(held(identity, Actor.user("carol"))).hasSize(2);

    // activating again restores what was granted
    identity.setRoleActive("retired", true);
    identity.setGroupActive("closed", true);
    assertThat(held(identity, Actor.user("dave"))).containsExactly("expense:approve");
    assertThat(held(identity, Actor.user("erin"))).isEqualTo(ALL_SCOPES);

    // a role's scopes changed at run time count at once
    identity.updateRole("employee", "Files claims in bulk too", List.of("expenses:x"));
    assertThat(held(identity, Actor.user("alice"))).containsExactly("expenses:x");
  }

  @DbTest
  void theIdentityProviderDecidesWhoIsAUser(TestDatabase db) {
    IdentityProvider directory =
        id ->
            switch (id) {
              case "alice", "bob" -> IdentityProvider.Status.ACTIVE;
              case "mallory" -> IdentityProvider.Status.INACTIVE;
              default -> IdentityProvider.Status.UNKNOWN;
            };
    Tasquencer engine =
        engine(
            db, new ManualClock(T0), id -> id.provider(directory).role("super", "Everything", "*"));
    Identity identity = engine.identity();
    identity.assignRoleToUser("super", "alice", null);
    identity.assignRoleToUser("super", "mallory", null);

    assertThat(identity.provider()).isSameAs(directory);
    assertThat(identity.hasScope(Actor.user("alice"), "expense:approve")).isTrue();
    // known but inactive: holds nothing, though the role is assigned
    assertThat(identity.hasScope(Actor.user("mallory"), "expense:approve")).isFalse();
    assertThat(identity.effectiveScopes("mallory")).isEmpty();

    DbSnapshot before = DbSnapshot.take(db);
    assertThatThrownBy(() -> identity.assignRoleToUser("super", "zed", null))
        .isInstanceOf(UnknownUserException.class)
        .hasMessageContaining("user not found: zed")
        .hasMessageContaining("identity provider");
    assertThatThrownBy(() -> identity.addMember("g", "zed", null))
        .isInstanceOf(UnknownUserException.class);
    assertThat(DbSnapshot.take(db)).isEqualTo(before);
  }

  @DbTest
  void theBootstrapIsIdempotentAndCodeOwnsTheRolesItDeclares(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    Consumer<IdentitySetup> v1 =
        id ->
            id.role("employee", "Files claims", "expense:submit")
                .role("manager", "Reviews claims", "expense:approve")
                .group("finance", "Finance", "manager");
    engine(db, clock, v1);
    DbSnapshot first = DbSnapshot.take(db);
    assertThat(first.count("tq_role")).isEqualTo(2);
    assertThat(first.count("tq_group_role")).isEqualTo(1);

    clock.advance(Duration.ofHours(1));
    Tasquencer again = engine(db, clock, v1);
    assertThat(DbSnapshot.take(db)).isEqualTo(first);

    // run-time changes: manager deactivated, a scope added to it, a role assigned to finance
    Identity identity = again.identity();
    Role manager = identity.role("manager").orElseThrow();
    identity.setRoleActive("manager", false);
    identity.updateRole("manager", "Reviews claims", List.of("expense:approve", "expenses:*"));
    identity.assignRoleToGroup("employee", "finance");
    identity.addMember("finance", "fay", null);

    // changed definitions: manager's scopes and description come from code again, the active flag
    // and the run-time assignment stay; the new group role is added
    clock.advance(Duration.ofHours(1));
    Tasquencer v2 =
        engine(
            db,
            clock,
            id ->
                id.role("employee", "Files claims", "expense:submit")
                    .role("manager", "Reviews and pays", "expense:approve", "expense:payment:*")
                    .role("auditor", "Reads", "expenses:x")
                    .group("finance", "Finance dept.", "manager", "auditor"));
    Role updated = v2.identity().role("manager").orElseThrow();
    assertThat(updated.id()).isEqualTo(manager.id());
    assertThat(updated.description()).isEqualTo("Reviews and pays");
    assertThat(updated.scopes()).containsExactly("expense:approve", "expense:payment:*");
    assertThat(updated.active()).isFalse();
    assertThat(updated.createdAt()).isEqualTo(T0);
    assertThat(updated.updatedAt()).isEqualTo(clock.instant());
    assertThat(v2.identity().rolesOfGroup("finance"))
        .containsExactly("auditor", "employee", "manager");
    assertThat(v2.identity().group("finance").orElseThrow().description())
        .isEqualTo("Finance dept.");
    assertThat(v2.identity().effectiveScopes("fay"))
        .containsExactly("expense:submit", "expenses:x");

    DbSnapshot afterV2 = DbSnapshot.take(db);
    engine(
        db,
        clock.advance(Duration.ofHours(1)),
        id ->
            id.role("employee", "Files claims", "expense:submit")
                .role("manager", "Reviews and pays", "expense:approve", "expense:payment:*")
                .role("auditor", "Reads", "expenses:x")
                .group("finance", "Finance dept.", "manager", "auditor"));
    assertThat(DbSnapshot.take(db)).isEqualTo(afterV2);
  }

  @DbTest
  void wrongIdentitySettingsFailTheBuildAndWriteNothing(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    engine(db, clock); // the schema
    DbSnapshot empty = DbSnapshot.take(db);

    assertThatThrownBy(
            () ->
                engine(
                    db,
                    clock,
                    id ->
                        id.role("a", "", "expense:submit", "expense:delete", "expens:*")
                            .role(" ", "", "expense:submit")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("2 problem(s)")
        .hasMessageContaining("expense:delete, expens:*")
        .hasMessageContaining("the role name must not be blank");
    assertThatThrownBy(
            () ->
                engine(
                    db,
                    clock,
                    id -> id.role("a", "", "expense:submit").group("g", "", "a", "ghost")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("group g is to hold role 'ghost'");
    assertThat(DbSnapshot.take(db)).isEqualTo(empty);

    TasquencerBuilder twice = Tasquencer.builder();
    assertThatThrownBy(() -> twice.identity(id -> id.role("a", "", "x").role("a", "", "y")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("role 'a' is declared twice");
  }

  @DbTest
  void deletingARoleOrGroupTakesItsAssignmentsAndMembershipsWithIt(TestDatabase db) {
    Tasquencer engine =
        engine(
            db,
            new ManualClock(T0),
            id ->
                id.role("manager", "", "expense:approve")
                    .role("employee", "", "expense:submit")
                    .group("finance", "", "manager", "employee")
                    .group("sales", "", "manager"));
    Identity identity = engine.identity();
    identity.addMember("finance", "fay", null);
    identity.addMember("sales", "sam", null);
    identity.assignRoleToUser("manager", "una", null);
    identity.assignRoleToUser("employee", "una", null);

    identity.deleteRole("manager");
    assertThat(identity.role("manager")).isEmpty();
    assertThat(identity.rolesOfGroup("finance")).containsExactly("employee");
    assertThat(identity.rolesOfGroup("sales")).isEmpty();
    assertThat(identity.rolesOfUser("una")).extracting(a -> a.role()).containsExactly("employee");
    assertThat(identity.effectiveScopes("fay")).containsExactly("expense:submit");
    assertThat(identity.effectiveScopes("sam")).isEmpty();
    assertThat(db.queryLong("select count(*) from tq_role_scope")).isEqualTo(1);

    identity.deleteGroup("finance");
    assertThat(identity.group("finance")).isEmpty();
    assertThat(identity.memberships("fay")).isEmpty();
    assertThat(identity.effectiveScopes("fay")).isEmpty();
    assertThat(db.queryLong("select count(*) from tq_group_role")).isZero();
    assertThat(identity.memberships("sam")).extracting(Membership::group).containsExactly("sales");
    // a group of the same name is a new, empty group
    identity.createGroup("finance", "again");
    assertThat(identity.members("finance", IdentityPage.first(10))).isEmpty();
  }

  @DbTest
  void administrationErrorsSayWhatIsWrongAndChangeNothing(TestDatabase db) {
    ManualClock clock = new ManualClock(T0);
    Tasquencer engine =
        engine(db, clock, id -> id.role("manager", "", "expense:approve").group("finance", ""));
    Identity identity = engine.identity();
    identity.addMember("finance", "fay", null);
    DbSnapshot before = DbSnapshot.take(db);

    assertThatThrownBy(() -> identity.createRole("manager", "", List.of()))
        .isInstanceOf(DuplicateNameException.class)
        .hasMessageContaining("role 'manager' already exists")
        .hasMessageContaining("updateRole");
    assertThatThrownBy(() -> identity.createGroup("finance", ""))
        .isInstanceOf(DuplicateNameException.class)
        .extracting(e -> ((DuplicateNameException) e).code())
        .isEqualTo("DUPLICATE_NAME");
    assertThatThrownBy(
            () -> identity.createRole("clerk", "", List.of("expense:submit", "expense:delete")))
        .isInstanceOf(UnknownScopeException.class)
        .hasMessageContaining("scope expense:delete is not declared in code")
        .satisfies(
            e ->
                assertThat(((UnknownScopeException) e).scopes()).containsExactly("expense:delete"));
    assertThatThrownBy(() -> identity.updateRole("manager", "", List.of("expense:app*")))
        .isInstanceOf(UnknownScopeException.class);
    assertThatThrownBy(() -> identity.updateRole("ghost", "", List.of()))
        .isInstanceOf(RoleNotFoundException.class)
        .hasMessageContaining("role not found: ghost")
        .hasMessageContaining("createRole");
    assertThatThrownBy(() -> identity.assignRoleToGroup("ghost", "finance"))
        .isInstanceOf(RoleNotFoundException.class);
    assertThatThrownBy(() -> identity.assignRoleToGroup("manager", "ghosts"))
        .isInstanceOf(GroupNotFoundException.class)
        .hasMessageContaining("group not found: ghosts");
    assertThatThrownBy(() -> identity.addMember("ghosts", "fay", null))
        .isInstanceOf(GroupNotFoundException.class);
    assertThatThrownBy(() -> identity.deleteGroup("ghosts"))
        .isInstanceOf(GroupNotFoundException.class);
    assertThatThrownBy(() -> identity.members("ghosts", IdentityPage.first(1)))
        .isInstanceOf(GroupNotFoundException.class);
    assertThatThrownBy(() -> identity.createRole("", "", List.of()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("createRole: the role name must not be blank");
    assertThatThrownBy(() -> identity.createGroup("x".repeat(101), ""))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at most 100");
    assertThatThrownBy(() -> identity.createRole("clerk", null, List.of()))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> identity.addMember("finance", " ", null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("addMember: userId");
    assertThatThrownBy(() -> identity.addMember("finance", "fay", T0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("is not after the engine clock's now");
    assertThatThrownBy(() -> identity.hasScope(Actor.user("fay"), "expense:*"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("is a wildcard");
    assertThatThrownBy(() -> identity.hasScope(Actor.user("fay"), "expense:aprove"))
        .isInstanceOf(UnknownScopeException.class)
        .hasMessageContaining("expense:aprove");
    assertThat(DbSnapshot.take(db)).isEqualTo(before);
    // refused administration calls are recorded as failed attempts, like refused commands
    assertThat(engine.queries().failedAttemptsSince(T0, 100))
        .extracting(a -> a.command() + " " + a.errorCode())
        .contains("identity.createRole DUPLICATE_NAME", "identity.updateRole ENTITY_NOT_FOUND");

    // what does not exist answers false, not an error
    assertThat(identity.removeMember("finance", "zoe")).isFalse();
    assertThat(identity.unassignRoleFromUser("manager", "zoe")).isFalse();
    assertThat(identity.unassignRoleFromGroup("manager", "finance")).isFalse();
    assertThat(identity.assignRoleToGroup("manager", "finance")).isTrue();
    assertThat(identity.assignRoleToGroup("manager", "finance")).isFalse();
    assertThat(identity.removeMember("finance", "fay")).isTrue();
  }

  @DbTest
  void listsArePagedByKey(TestDatabase db) {
    Tasquencer engine = engine(db, new ManualClock(T0));
    Identity identity = engine.identity();
    identity.createGroup("group-07", "");
    for (int i = 0; i < 25; i++) {
      identity.createRole(String.format("role-%02d", i), "", List.of("expense:submit"));
      if (i != 7) {
        identity.createGroup(String.format("group-%02d", i), "");
      }
      identity.addMember("group-07", String.format("user-%02d", i), null);
    }
    List<String> roles = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    List<String> members = new ArrayList<>();
    IdentityPage rolePage = IdentityPage.first(10);
    IdentityPage groupPage = IdentityPage.first(10);
    IdentityPage memberPage = IdentityPage.first(10);
    for (int p = 0; p < 3; p++) {
      var r = identity.roles(rolePage);
      r.forEach(x -> roles.add(x.name()));
      rolePage = rolePage.next(r, Role::name);
      var g = identity.groups(groupPage);
      g.forEach(x -> groups.add(x.name()));
      groupPage = groupPage.next(g, x -> x.name());
      var m = identity.members("group-07", memberPage);
      m.forEach(x -> members.add(x.userId()));
      memberPage = memberPage.next(m, Membership::userId);
      if (p == 0) {
        identity.deleteRole("role-03"); // behind the cursor: shifts nothing
        identity.deleteRole("role-15"); // ahead of it: not listed
      }
    }
    assertThat(identity.roles(rolePage)).isEmpty();
    assertThat(roles).hasSize(24).doesNotHaveDuplicates().isSorted().doesNotContain("role-15");
    assertThat(roles.get(0)).isEqualTo("role-00");
    assertThat(groups).hasSize(25).doesNotHaveDuplicates().isSorted();
    assertThat(members).hasSize(25).doesNotHaveDuplicates().isSorted();
    assertThat(identity.roles(IdentityPage.first(1)).get(0).scopes())
        .containsExactly("expense:submit");
  }

  @DbTest
  void concurrentCreatesOfOneNameLeaveOneRoleAndOneDuplicateError(TestDatabase db)
      throws Exception {
    Tasquencer engine = engine(db, new ManualClock(T0));
    Identity identity = engine.identity();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<String> create =
            () -> {
              start.await();
              try {
                identity.createRole("same", "", List.of("expense:submit"));
                identity.addMember(
                    identity.group("crew").isPresent() ? "crew" : createCrew(identity), "u", null);
                return "created";
              } catch (DuplicateNameException e) {
                return "duplicate";
              }
            };
        results.add(pool.submit(create));
      }
      start.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : results) {
        outcomes.add(f.get());
      }
      assertThat(outcomes).containsOnly("created", "duplicate");
      assertThat(outcomes.stream().filter("created"::equals).count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.queryLong("select count(*) from tq_role where name = 'same'")).isEqualTo(1);
    assertThat(identity.memberships("u")).hasSize(1);
    assertThat(identity.effectiveScopes("u")).isEqualTo(Set.of());
  }

  @DbTest
  void enginesStartingAtOnceBootstrapTheSameRolesOnce(TestDatabase db) throws Exception {
    engine(db, new ManualClock(T0)); // the schema, so that the race is the bootstrap's
    Consumer<IdentitySetup> setup =
        id ->
            id.role("employee", "", "expense:submit")
                .role("manager", "", "expense:approve")
                .group("finance", "", "manager", "employee");
    int engines = 4;
    ExecutorService pool = Executors.newFixedThreadPool(engines);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Tasquencer>> built = new ArrayList<>();
      for (int i = 0; i < engines; i++) {
        built.add(
            pool.submit(
                () -> {
                  start.await();
                  return Tasquencer.builder()
                      .clock(new ManualClock(T0))
                      .identity(id -> id.scopes(EXPENSE, EXPENSES))
                      .identity(setup)
                      .dataSource(db.dataSource())
                      .build();
                }));
      }
      start.countDown();
      for (Future<Tasquencer> f : built) {
        f.get().close();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.queryLong("select count(*) from tq_role")).isEqualTo(2);
    assertThat(db.queryLong("select count(*) from tq_group")).isEqualTo(1);
    assertThat(db.queryLong("select count(*) from tq_group_role")).isEqualTo(2);
  }

  private static String createCrew(Identity identity) {
    try {
      identity.createGroup("crew", "");
    } catch (DuplicateNameException e) {
      // another thread was first
    }
    return "crew";
  }
}
