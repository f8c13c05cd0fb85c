package dev.tasquencer.api.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named group of scopes declared in code, possibly with nested modules. Immutable: each method
 * returns a new module.
 *
 * <pre>{@code
 * ScopeModule expense =
 *     ScopeModule.of("expense", "Expense claims")
 *         .scope("submit", "Submit a claim")
 *         .scope("approve", "Approve or reject a claim")
 *         .module(ScopeModule.of("payment", "Paying approved claims").scope("run", "Pay"));
 * // declares expense:submit, expense:approve and expense:payment:run
 * }</pre>
 *
 * <p>A role may then hold {@code expense:approve}, or {@code expense:*} (every scope of the module,
 * nested modules included), or {@code *} (every scope); see {@link ScopeCatalog#matches}. Names are
 * 1 to 50 letters, digits, {@code _}, {@code -} or {@code .}: no {@code :} (it separates modules)
 * and no {@code *} (the wildcard).
 */
public final class ScopeModule {
  private final String name;
  private final String description;
  private final Map<String, String> scopes;
  private final List<ScopeModule> modules;

  private ScopeModule(
      String name, String description, Map<String, String> scopes, List<ScopeModule> modules) {
    this.name = name;
    this.description = description;
    this.scopes = scopes;
    this.modules = modules;
  }

  /**
   * An empty module.
   *
   * @throws IllegalArgumentException when the name is not valid or the description is null or too
   *     long (1,000 characters)
   */
  public static ScopeModule of(String name, String description) {
    return new ScopeModule(
        Names.segment("scope module", name),
        Names.description("scope module " + name, description),
        Map.of(),
        List.of());
  }

  /**
   * This module with one more scope, {@code <module>:<name>}.
   *
   * @throws IllegalArgumentException when the name is not valid or already declared in this module,
   *     or the description is null or too long
   */
  public ScopeModule scope(String name, String description) {
    Names.segment("scope of module " + this.name, name);
    Names.description("scope " + this.name + ":" + name, description);
    if (scopes.containsKey(name)) {
      throw new IllegalArgumentException(
          "scope module " + this.name + " already declares the scope '" + name + "'");
    }
    Map<String, String> next = new LinkedHashMap<>(scopes);
    next.put(name, description);
    return new ScopeModule(this.name, this.description, unmodifiable(next), modules);
  }

  /**
   * This module with a nested one: its scopes become {@code <this>:<nested>:<scope>}.
   *
   * @throws IllegalArgumentException when a module of that name is already nested here
   */
  public ScopeModule module(ScopeModule nested) {
    if (nested == null) {
      throw new IllegalArgumentException("scope module " + name + ": nested module is null");
    }
    for (ScopeModule m : modules) {
      if (m.name.equals(nested.name)) {
        throw new IllegalArgumentException(
            "scope module " + name + " already has a nested module '" + nested.name + "'");
      }
    }
    List<ScopeModule> next = new ArrayList<>(modules);
    next.add(nested);
    return new ScopeModule(name, description, scopes, List.copyOf(next));
  }

  private static Map<String, String> unmodifiable(Map<String, String> m) {
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The module's own name (without the path of a module it is nested in). */
  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The scopes declared directly in this module: own name to description, in declaration order. */
  public Map<String, String> scopes() {
    return scopes;
  }

  /** The nested modules, in declaration order. */
  public List<ScopeModule> modules() {
    return modules;
  }

  @Override
  public String toString() {
    return "ScopeModule[" + name + "]";
  }
}
