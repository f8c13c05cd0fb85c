package dev.tasquencer.api.queue;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Narrows a queue: to one workflow definition (and version), one task, and work items carrying
 * given business attributes ({@link QueueData#attributes()}). Every part given must match.
 * Immutable.
 *
 * <pre>{@code
 * QueueFilter.all().workflow("expense").task("review").attribute("department", "sales")
 * }</pre>
 *
 * @param workflow the workflow definition's name; null for any
 * @param version the workflow definition's version; null for any
 * @param task the task's name; null for any
 * @param attributes attributes the item must carry with these values (at most {@value
 *     QueueData#MAX_ATTRIBUTES})
 */
public record QueueFilter(
    @Nullable String workflow,
    @Nullable String version,
    @Nullable String task,
    Map<String, String> attributes) {

  private static final QueueFilter ALL = new QueueFilter(null, null, null, Map.of());

  public QueueFilter {
    // the same rules as the data it matches: a filter that could never match is refused
    attributes =
        new QueueData(0, null, Objects.requireNonNull(attributes, "attributes")).attributes();
  }

  /** Every item of the queue. */
  public static QueueFilter all() {
    return ALL;
  }

  /** Only items of workflows of this definition name. */
  public QueueFilter workflow(String name) {
    return new QueueFilter(Objects.requireNonNull(name, "workflow"), version, task, attributes);
  }

  /** Only items of workflows of this definition version. */
  public QueueFilter version(String version) {
    return new QueueFilter(workflow, Objects.requireNonNull(version, "version"), task, attributes);
  }

  /** Only items of tasks of this name. */
  public QueueFilter task(String name) {
    return new QueueFilter(workflow, version, Objects.requireNonNull(name, "task"), attributes);
  }

  /** Only items carrying this attribute with this value. */
  public QueueFilter attribute(String name, String value) {
    TreeMap<String, String> more = new TreeMap<>(attributes);
    more.put(name, value);
    return new QueueFilter(workflow, version, task, more);
  }
}
