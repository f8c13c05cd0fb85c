package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.VersionRouting;
import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DefinitionNotFoundException;
import dev.tasquencer.api.error.StructuralIntegrityException;
import dev.tasquencer.api.error.WorkflowVersionDeprecatedException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The workflow definitions an engine runs, by name and version. Immutable once built. */
final class Registry {
  private final Map<String, Map<String, WorkflowDefinition>> byName;
  private final Map<String, String> newest;
  private final MessageCatalog messages;
  // per name: its deprecated versions, and its routing of new roots
  private final Map<String, Set<String>> deprecated;
  private final Map<String, VersionRouting> routes;

  Registry(List<WorkflowDefinition> definitions) {
    this(definitions, Map.of(), Map.of());
  }

  /**
   * @param deprecated per workflow name, the versions that take no new roots
   * @param routes per workflow name, how a new root started without a version chooses one
   * @throws ConfigurationException when a deprecated or routed version is not registered
   */
  Registry(
      List<WorkflowDefinition> definitions,
      Map<String, Set<String>> deprecated,
      Map<String, VersionRouting> routes) {
    Map<String, Map<String, WorkflowDefinition>> m = new LinkedHashMap<>();
    Map<String, String> latest = new LinkedHashMap<>();
    for (WorkflowDefinition d : definitions) {
      Map<String, WorkflowDefinition> versions =
          m.computeIfAbsent(d.name(), k -> new LinkedHashMap<>());
      if (versions.containsKey(d.version())) {
        throw new ConfigurationException(
            "workflow '"
                + d.name()
                + "' version '"
                + d.version()
                + "' is registered twice; give each definition its own version");
      }
      versions.put(d.version(), d);
      latest.put(d.name(), d.version());
    }
    this.byName = m;
    this.newest = latest;
    this.messages = MessageCatalog.of(all());
    Map<String, Set<String>> dep = new LinkedHashMap<>();
    deprecated.forEach((name, vs) -> dep.put(name, Set.copyOf(vs)));
    this.deprecated = Map.copyOf(dep);
    this.routes = Map.copyOf(routes);
    deprecated.forEach((name, vs) -> vs.forEach(v -> registered("deprecate", name, v)));
    routes.forEach(
        (name, r) -> {
          if (!m.containsKey(name)) {
            throw new ConfigurationException(
                "route: workflow '" + name + "' is not registered; registered: " + describe());
          }
          for (String v : r.versions()) {
            registered("route", name, v);
            if (isDeprecated(name, v)) {
              throw new ConfigurationException(
                  "route: workflow '"
                      + name
                      + "' routes new roots to version '"
                      + v
                      + "', which is deprecated; route them to a version that is not");
            }
          }
        });
  }

  private void registered(String setting, String name, String version) {
    Map<String, WorkflowDefinition> versions = byName.get(name);
    if (versions == null || !versions.containsKey(version)) {
      throw new ConfigurationException(
          setting
              + ": workflow '"
              + name
              + "' version '"
              + version
              + "' is not registered; registered: "
              + describe());
    }
  }

  private boolean isDeprecated(String name, String version) {
    Set<String> vs = deprecated.get(name);
    return vs != null && vs.contains(version);
  }

  /**
   * The definition a new root of {@code name} starts on: {@code version} when given, else the
   * routing's choice, else the newest registered version that is not deprecated.
   *
   * @throws WorkflowVersionDeprecatedException when the version chosen is deprecated
   */
  WorkflowDefinition forNewRoot(
      String name,
      @Nullable String version,
      @Nullable Object payload,
      @Nullable String businessKey) {
    String v = version;
    if (v == null) {
      VersionRouting r = routes.get(name);
      v = r == null ? null : r.choose(payload, businessKey);
    }
    if (v == null) {
      // all deprecated: the newest, refused below
      v = defaultVersion(name);
    }
    WorkflowDefinition d = get(name, v);
    if (isDeprecated(name, d.version())) {
      throw new WorkflowVersionDeprecatedException(name, d.version(), defaultVersion(name));
    }
    return d;
  }

  /**
   * The newest registered version of {@code name} that is not deprecated, or null (no version of it
   * is registered, or all are deprecated).
   */
  private @Nullable String defaultVersion(String name) {
    Map<String, WorkflowDefinition> versions = byName.get(name);
    if (versions == null) {
      return null;
    }
    String found = null;
    for (String v : versions.keySet()) {
      if (!isDeprecated(name, v)) {
        found = v;
      }
    }
    return found;
  }

  /** The messages the registered definitions wait for (docs/messages.md). */
  MessageCatalog messages() {
    return messages;
  }

  public List<WorkflowDefinition> all() {
    List<WorkflowDefinition> out = new ArrayList<>();
    byName.values().forEach(v -> out.addAll(v.values()));
    return out;
  }

  /** The definition of {@code name} at {@code version}, or its newest version when null. */
  public WorkflowDefinition get(String name, @Nullable String version) {
    Map<String, WorkflowDefinition> versions = byName.get(name);
    String v = version == null ? newest.get(name) : version;
    WorkflowDefinition d = versions == null ? null : versions.get(v);
    if (d == null) {
      throw new DefinitionNotFoundException(name, version, describe());
    }
    return d;
  }

  /** The definition a root instance row was created from. */
  WorkflowDefinition definitionOf(WorkflowRow row) {
    if (!row.isRoot()) {
      throw new StructuralIntegrityException(
          "workflow " + row.id + " is a child workflow; load it through its parent");
    }
    return get(row.definitionName, row.definitionVersion);
  }

  private String describe() {
    List<String> names = new ArrayList<>();
    byName.forEach((n, v) -> v.keySet().forEach(ver -> names.add(n + " " + ver)));
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
