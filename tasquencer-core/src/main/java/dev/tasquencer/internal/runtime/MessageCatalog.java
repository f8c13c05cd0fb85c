package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.error.ConfigurationException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.message.Message;
import dev.tasquencer.api.message.MessageWait;
import dev.tasquencer.builder.AtomicTaskDefinition;
import dev.tasquencer.builder.CompositeTaskDefinition;
import dev.tasquencer.builder.TaskDefinition;
import dev.tasquencer.builder.WorkflowDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The messages the registered definitions wait for, by name (docs/messages.md): what {@code
 * correlate} knows of a message before it finds a receiver (whether it is bufferable, who may send
 * it). Built with the registry; every definition naming a message must declare it alike.
 */
final class MessageCatalog {
  private final Map<String, Message> byName;

  private MessageCatalog(Map<String, Message> byName) {
    this.byName = byName;
  }

  /**
   * The catalogue of {@code definitions} (child workflows included).
   *
   * @throws ConfigurationException when two definitions declare one message name differently
   */
  static MessageCatalog of(List<WorkflowDefinition> definitions) {
    Map<String, Message> found = new LinkedHashMap<>();
    Map<String, String> where = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Set<WorkflowDefinition> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (WorkflowDefinition d : definitions) {
      collect(d, "workflow '" + d.name() + "' " + d.version(), found, where, problems, seen);
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "the registered definitions declare "
              + problems.size()
              + " message(s) differently:\n  - "
              + String.join("\n  - ", problems)
              + "\nDeclare each message once, as a constant (Message.named(...).bufferable(...)"
              + ".allowedBy(...)), and wait for that constant everywhere");
    }
    return new MessageCatalog(Collections.unmodifiableMap(found));
  }

  private static void collect(
      WorkflowDefinition def,
      String path,
      Map<String, Message> found,
      Map<String, String> where,
      List<String> problems,
      Set<WorkflowDefinition> seen) {
    if (!seen.add(def)) {
      return;
    }
    for (TaskDefinition t : def.tasks()) {
      if (t instanceof AtomicTaskDefinition a) {
        MessageWait w = a.workItem().awaits();
        if (w == null) {
          continue;
        }
        Message m = w.message();
        String here = path + ", task '" + t.name() + "'";
        Message before = found.putIfAbsent(m.name(), m);
        if (before == null) {
          where.put(m.name(), here);
        } else if (!before.equals(m)) {
          problems.add(
              "message '"
                  + m.name()
                  + "' is "
                  + describe(before)
                  + " in "
                  + where.get(m.name())
                  + " but "
                  + describe(m)
                  + " in "
                  + here);
        }
      } else if (t instanceof CompositeTaskDefinition c) {
        for (WorkflowDefinition child : c.children().values()) {
          collect(
              child,
              path + ", task '" + t.name() + "', child workflow '" + child.name() + "'",
              found,
              where,
              problems,
              seen);
        }
      }
    }
  }

  private static String describe(Message m) {
    var policy = m.policy();
    return (m.bufferFor() == null ? "not bufferable" : "bufferable for " + m.bufferFor())
        + (policy == null ? ", internal only" : ", allowed by " + policy.describe());
  }

  /**
   * The message named {@code name}.
   *
   * @throws InvalidArgumentException when no registered definition waits for it
   */
  Message get(String name) {
    Message m = byName.get(name);
    if (m == null) {
      throw new InvalidArgumentException(
          "correlate: no registered workflow definition waits for message '"
              + name
              + "'; the messages waited for are "
              + (byName.isEmpty() ? "(none)" : new TreeSet<>(byName.keySet()))
              + ". Check the name, or declare the wait with"
              + " Builder.workItem(...).awaits(Message.named(name).keyedBy(...))");
    }
    return m;
  }
}
