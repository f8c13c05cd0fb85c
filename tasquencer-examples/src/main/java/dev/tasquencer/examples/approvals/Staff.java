package dev.tasquencer.examples.approvals;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.api.identity.ScopeModule;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who works in the office: scopes and roles (declared in code, stored by the engine), groups, and
 * the simulated people with their memberships. Requesters belong to a department; each department
 * has a group of managers who review its claims, except that research's only manager is on leave,
 * so research claims wait until their deadline escalates them to the deputies. Finance approves
 * large claims and counts every manager and deputy among its members, so the four-eyes rule has
 * work to do; payments pays the line items; an administrator supervises every review.
 */
public final class Staff {
  private Staff() {}

  public static final ScopeModule EXPENSE =
      ScopeModule.of("expense", "Expense claims")
          .scope("submit", "Submit one's own expense claim")
          .scope("approve", "Review an expense claim as a manager")
          .scope("finance", "Give the second approval of a large claim")
          .scope("pay", "Pay the line items of an approved claim")
          .scope("admin", "Supervise reviews: release, delegate, work anyone's claim");

  public static final String SUBMIT = "expense:submit";
  public static final String APPROVE = "expense:approve";
  public static final String FINANCE = "expense:finance";
  public static final String PAY = "expense:pay";
  public static final String ADMIN = "expense:admin";

  public static final String DEPUTIES = "deputies";
  public static final String FINANCE_GROUP = "finance";
  public static final String PAYMENTS = "payments";

  /** The departments whose staff submit claims, each with its group of managers. */
  public static final List<String> DEPARTMENTS = List.of("sales", "engineering", "research");

  /** The group of managers of a department. */
  public static String managersOf(String department) {
    return "managers-" + department;
  }

  /** Requesters by department. */
  public static final Map<String, List<String>> REQUESTERS =
      Map.of(
          "sales", List.of("emma", "ezra"),
          "engineering", List.of("eli", "eva"),
          "research", List.of("erin", "enzo"));

  /** Members of each group. Rita, research's only manager, is on leave and never works. */
  public static final Map<String, List<String>> MEMBERS =
      Map.of(
          managersOf("sales"),
          List.of("mia", "max"),
          managersOf("engineering"),
          List.of("mo", "mei"),
          managersOf("research"),
          List.of("rita"),
          DEPUTIES,
          List.of("dora", "dan"),
          FINANCE_GROUP,
          List.of("fiona", "felix", "mia", "max", "mo", "mei", "dora", "dan"),
          PAYMENTS,
          List.of("paul", "pia"));

  /** The members of a group of the office. */
  public static List<String> members(String group) {
    List<String> users = MEMBERS.get(group);
    if (users == null) {
      throw new IllegalArgumentException("the office has no group " + group);
    }
    return users;
  }

  /** The requesters of a department. */
  public static List<String> requesters(String department) {
    List<String> users = REQUESTERS.get(department);
    if (users == null) {
      throw new IllegalArgumentException("the office has no department " + department);
    }
    return users;
  }

  /** Who is away: a member of a group who never opens a queue. */
  public static final List<String> ON_LEAVE = List.of("rita");

  /** The administrator who supervises reviews. */
  public static final Actor ADMINISTRATOR = Actor.user("ada");

  /** The scopes, roles and groups, bootstrapped by the engine at start (idempotent). */
  public static Consumer<IdentitySetup> identity() {
    return id -> {
      id.scopes(EXPENSE)
          .role("employee", "Submits claims", SUBMIT)
          .role("manager", "Reviews claims", APPROVE)
          .role("controller", "Second approval of large claims", FINANCE)
          .role("payer", "Pays approved claims", PAY)
          .role("administrator", "Supervises the reviews", ADMIN);
      for (String department : DEPARTMENTS) {
        id.group(managersOf(department), "Managers of " + department, "manager");
      }
      id.group(DEPUTIES, "Deputy managers: take over reviews nobody did in time", "manager")
          .group(FINANCE_GROUP, "Finance", "controller")
          .group(PAYMENTS, "Payments", "payer");
    };
  }

  /** The memberships and direct role assignments of the simulated staff (idempotent). */
  public static void enroll(Tasquencer engine) {
    MEMBERS.forEach(
        (group, users) -> users.forEach(u -> engine.identity().addMember(group, u, null)));
    REQUESTERS
        .values()
        .forEach(
            users -> users.forEach(u -> engine.identity().assignRoleToUser("employee", u, null)));
    engine.identity().assignRoleToUser("administrator", ADMINISTRATOR.id(), null);
  }
}
