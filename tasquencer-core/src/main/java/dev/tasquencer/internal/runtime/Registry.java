package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.DefinitionNotFoundException;
import dev.tasquencer.api.error.StructuralIntegrityException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.WorkflowRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The workflow definitions an engine runs, by name and version. Immutable once built. */
final class Registry {
  private final Map<String, Map<String, WorkflowDefinition>> byName;
  private final Map<String, String> newest;
  private final MessageCatalog messages;

  Registry(List<WorkflowDefinition> definitions) {
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
