package dev.tasquencer.api.identity;

import dev.tasquencer.api.error.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity settings of an engine, given in code to {@code TasquencerBuilder.identity(...)}: the
 * scope modules, the identity provider, and roles and groups that the engine creates or brings up
 * to date in the database when it is built.
 *
 * <pre>{@code
 * Tasquencer.builder()
 *     .identity(id -> id
 *         .scopes(expense)
 *         .role("employee", "Files claims", "expense:submit")
 *         .role("manager", "Reviews claims", "expense:submit", "expense:approve")
 *         .group("finance", "The finance department", "manager"))
 * }</pre>
 *
 * <p><b>The bootstrap rule</b> (applied in one transaction by {@code build()}, so running it again
 * changes nothing):
 *
 * <ul>
 *   <li>A declared role that does not exist is created, active. One that exists gets the declared
 *       description and exactly the declared scopes (code owns the definition of the roles it
 *       declares: scopes added to such a role at run time are removed at the next start); whether
 *       it is active is left as an administrator set it.
 *   <li>A declared group that does not exist is created, active. One that exists gets the declared
 *       description; its active flag and its members are left alone.
 *   <li>The roles declared for a group are assigned to it when they are not; roles assigned to it
 *       at run time stay (removing an assignment is an administrator's act: {@code
 *       engine.identity().unassignRoleFromGroup}).
 *   <li>Nothing is ever deleted by the bootstrap: a role or group no longer declared stays as it
 *       is.
 * </ul>
 *
 * Every scope a declared role holds must be declared in a module given here ({@link
 * ScopeCatalog#isGrantable}), and every role declared for a group must be declared here or exist in
 * the database; otherwise {@code build()} fails, naming each problem.
 */
public final class IdentitySetup {
  /** A role declared in code. */
  public record RoleDeclaration(String name, String description, List<String> scopes) {}

  /** A group declared in code, with the roles it is to hold. */
  public record GroupDeclaration(String name, String description, List<String> roles) {}

  private final List<ScopeModule> modules = new ArrayList<>();
  private final Map<String, RoleDeclaration> roles = new LinkedHashMap<>();
  private final Map<String, GroupDeclaration> groups = new LinkedHashMap<>();
  private IdentityProvider provider = IdentityProvider.ANY_ID;

  /** Use {@code TasquencerBuilder.identity(...)}. */
  public IdentitySetup() {}

  /** Declares scope modules (adds to those declared before). */
  public IdentitySetup scopes(ScopeModule... modules) {
    required(modules, "scopes: modules");
    for (ScopeModule m : modules) {
      required(m, "scopes: a module");
    }
    this.modules.addAll(Arrays.asList(modules));
    return this;
  }

  /**
   * Declares a role with its scopes (declared scopes, wildcards {@code module:*}, or {@code *}).
   *
   * @throws ConfigurationException when a role of that name is already declared here
   */
  public IdentitySetup role(String name, String description, String... scopes) {
    List<String> list = declaration("role", "scope", roles.keySet(), name, description, scopes);
    roles.put(name, new RoleDeclaration(name, description, list));
    return this;
  }

  /**
   * Declares a group and the roles it is to hold.
   *
   * @throws ConfigurationException when a group of that name is already declared here
   */
  public IdentitySetup group(String name, String description, String... roles) {
    List<String> list = declaration("group", "role", groups.keySet(), name, description, roles);
    groups.put(name, new GroupDeclaration(name, description, list));
    return this;
  }

  /** Checks a declaration of a role or group; returns its scopes or roles as a list. */
  private static List<String> declaration(
      String kind,
      String item,
      java.util.Set<String> declared,
      String name,
      String description,
      String[] items) {
    required(name, kind + ": name");
    required(description, kind + " " + name + ": description");
    required(items, kind + " " + name + ": " + item + "s");
    for (String i : items) {
      required(i, kind + " " + name + ": a " + item);
    }
    if (declared.contains(name)) {
      throw new ConfigurationException(
          "identity: "
              + kind
              + " '"
              + name
              + "' is declared twice; declare each "
              + kind
              + " once");
    }
    return List.of(items);
  }

  /** Where users come from (default {@link IdentityProvider#ANY_ID}). */
  public IdentitySetup provider(IdentityProvider provider) {
    this.provider = required(provider, "provider");
    return this;
  }

  private static <T> T required(T value, String what) {
    if (value == null) {
      throw new ConfigurationException("identity: " + what + " must not be null");
    }
    return value;
  }

  /** The declared scope modules, in declaration order. */
  public List<ScopeModule> modules() {
    return List.copyOf(modules);
  }

  /** The declared roles, in declaration order. */
  public List<RoleDeclaration> roles() {
    return List.copyOf(roles.values());
  }

  /** The declared groups, in declaration order. */
  public List<GroupDeclaration> groups() {
    return List.copyOf(groups.values());
  }

  public IdentityProvider provider() {
    return provider;
  }
}
