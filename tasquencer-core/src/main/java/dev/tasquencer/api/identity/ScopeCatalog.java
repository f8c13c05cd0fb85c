package dev.tasquencer.api.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every scope and module declared in code, flattened from the {@link ScopeModule}s given to the
 * engine ({@code engine.identity().scopes()}), and the rule by which a granted scope covers a
 * required one.
 *
 * <p><b>Wildcards.</b> A role may hold three kinds of grant:
 *
 * <ul>
 *   <li>a declared scope, such as {@code expense:approve}: it covers exactly that scope;
 *   <li>{@code <module path>:*}, such as {@code expense:*} or {@code er:triage:*}, for a declared
 *       module: it covers every scope whose name begins with that path and a colon, so the scopes
 *       of the module and of its nested modules ({@code expense:approve}, {@code
 *       expense:payment:run}), but not {@code expenses:submit} (another module) nor a scope named
 *       like the module;
 *   <li>{@code *}: every scope.
 * </ul>
 *
 * A {@code *} anywhere else ({@code expense:app*}, {@code *:approve}) is not a grant. A required
 * scope is always a plain scope name: the question is "may this user approve", never "may this user
 * do everything in expense".
 */
public final class ScopeCatalog {
  /** The grant that covers every scope. */
  public static final String ALL = "*";

  /** The wildcard suffix of a module grant ({@code expense:*}). */
  public static final String WILDCARD_SUFFIX = ":*";

  private final SortedMap<String, Scope> scopes;
  private final SortedSet<String> modules;

  private ScopeCatalog(SortedMap<String, Scope> scopes, SortedSet<String> modules) {
    this.scopes = Collections.unmodifiableSortedMap(scopes);
    this.modules = Collections.unmodifiableSortedSet(modules);
  }

  /** No scope at all. */
  public static final ScopeCatalog EMPTY = new ScopeCatalog(new TreeMap<>(), new TreeSet<>());

  /**
   * The catalogue of these modules.
   *
   * @throws IllegalArgumentException when two top-level modules share a name, or a full scope name
   *     is longer than 200 characters
   */
  public static ScopeCatalog of(Collection<ScopeModule> modules) {
    SortedMap<String, Scope> scopes = new TreeMap<>();
    SortedSet<String> paths = new TreeSet<>();
    for (ScopeModule m : modules) {
      if (m == null) {
        throw new IllegalArgumentException("a scope module is null");
      }
      if (paths.contains(m.name())) {
        throw new IllegalArgumentException(
            "two scope modules are named '"
                + m.name()
                + "'; declare the module once, or nest one under another name");
      }
      collect(m, m.name(), scopes, paths);
    }
    return new ScopeCatalog(scopes, paths);
  }

  private static void collect(
      ScopeModule m, String path, SortedMap<String, Scope> scopes, SortedSet<String> paths) {
    paths.add(path);
    for (Map.Entry<String, String> s : m.scopes().entrySet()) {
      String name = path + ":" + s.getKey();
      if (name.length() > Names.MAX_SCOPE) {
        throw new IllegalArgumentException(
            "scope " + name + " is longer than " + Names.MAX_SCOPE + " characters");
      }
      scopes.put(name, new Scope(name, s.getValue(), path));
    }
    for (ScopeModule nested : m.modules()) {
      collect(nested, path + ":" + nested.name(), scopes, paths);
    }
  }

  /** Every declared scope by full name, sorted by name. */
  public SortedMap<String, Scope> scopes() {
    return scopes;
  }

  /** The paths of every declared module ({@code expense}, {@code expense:payment}), sorted. */
  public SortedSet<String> modules() {
    return modules;
  }

  /** The declared scope of this full name. */
  public Optional<Scope> scope(String name) {
    return Optional.ofNullable(scopes.get(name));
  }

  /**
   * Whether a role may hold {@code grant}: a declared scope, the wildcard of a declared module
   * ({@code expense:*}), or {@code *}.
   */
  public boolean isGrantable(String grant) {
    if (grant == null) {
      return false;
    }
    if (ALL.equals(grant) || scopes.containsKey(grant)) {
      return true;
    }
    return grant.endsWith(WILDCARD_SUFFIX)
        && modules.contains(grant.substring(0, grant.length() - WILDCARD_SUFFIX.length()));
  }

  /**
   * Whether {@code grant} covers the scope {@code required}: they are equal, or {@code grant} is
   * {@code *}, or {@code grant} is {@code p:*} and {@code required} begins with {@code p:}. {@code
   * required} is a scope name, not a wildcard.
   */
  public static boolean matches(String grant, String required) {
    return grantsCovering(required).contains(grant);
  }

  /** Whether any of {@code grants} covers {@code required} ({@link #matches}). */
  public static boolean covers(Collection<String> grants, String required) {
    for (String g : grantsCovering(required)) {
      if (grants.contains(g)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every grant that covers {@code required}: the scope itself, the wildcard of each module on its
   * path, innermost first, and {@code *}. For {@code er:triage:write}: {@code er:triage:write},
   * {@code er:triage:*}, {@code er:*}, {@code *}. This finite list is what lets the database check
   * a scope with an exact, indexed match.
   */
  public static List<String> grantsCovering(String required) {
    List<String> out = new ArrayList<>();
    out.add(required);
    int colon = required.lastIndexOf(':');
    while (colon > 0) {
      out.add(required.substring(0, colon) + WILDCARD_SUFFIX);
      colon = required.lastIndexOf(':', colon - 1);
    }
    if (!ALL.equals(required)) {
      out.add(ALL);
    }
    return out;
  }
}
