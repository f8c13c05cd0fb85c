package dev.tasquencer.api.queue;

import dev.tasquencer.api.error.InvalidArgumentException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a work queue shows and sorts an offered work item by: its priority (higher first), its due
 * date (soonest first, none last) and up to {@value #MAX_ATTRIBUTES} business attributes (a name
 * and a string value each, for filters such as "department = sales"). Immutable: each method
 * returns a new value.
 *
 * <pre>{@code
 * QueueData.priority(5).due(submittedAt.plus(Duration.ofDays(2))).attribute("department", "sales")
 * }</pre>
 *
 * @param priority higher comes first; 0 by default
 * @param dueAt when the item is due; null when it has no due date
 * @param attributes business attributes by name, at most {@value #MAX_ATTRIBUTES}
 */
public record QueueData(int priority, @Nullable Instant dueAt, Map<String, String> attributes) {

  /** How many attributes a work item may carry (one indexed column each). */
  public static final int MAX_ATTRIBUTES = 3;

  /** The longest attribute name. */
  public static final int MAX_NAME = 50;

  /** The longest attribute value. */
  public static final int MAX_VALUE = 140;

  /** Priority 0, no due date, no attributes: what an offered item without queue data carries. */
  public static final QueueData NONE = new QueueData(0, null, Map.of());

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_NAME + "}");

  /** Due dates must lie before this instant (the store sorts "no due date" as this one). */
  public static final Instant LATEST_DUE = Instant.parse("9999-12-31T00:00:00Z");

  public QueueData {
    Objects.requireNonNull(attributes, "attributes");
    if (priority == Integer.MIN_VALUE) {
      throw new InvalidArgumentException(
          "queue priority Integer.MIN_VALUE is reserved: use a priority above it");
    }
    if (dueAt != null && !dueAt.isBefore(LATEST_DUE)) {
      throw new InvalidArgumentException(
          "due date " + dueAt + " lies too far ahead: give one before " + LATEST_DUE + ", or none");
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new InvalidArgumentException(
          "queue data names "
              + attributes.size()
              + " attributes "
              + attributes.keySet()
              + ", at most "
              + MAX_ATTRIBUTES
              + " fit; keep the ones inboxes filter by and read the rest from the payload");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    attributes.forEach(
        (name, value) -> {
          checkAttribute(name, value);
          copy.put(name, value);
        });
    attributes = Collections.unmodifiableMap(copy);
  }

  /** Checks an attribute's name and value, as queue data and filters take them. */
  static void checkAttribute(@Nullable String name, @Nullable String value) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidArgumentException(
          "queue attribute name '"
              + name
              + "' is not valid: use 1 to "
              + MAX_NAME
              + " letters, digits, '_', '-' or '.'");
    }
    if (value == null || value.length() > MAX_VALUE || value.indexOf('\0') >= 0) {
      throw new InvalidArgumentException(
          "queue attribute "
              + name
              + " has "
              + (value == null ? "no value" : "a value of " + value.length() + " characters")
              + ": give a value of at most "
              + MAX_VALUE
              + " characters, without NUL");
    }
  }

  /** Queue data of this priority (no due date, no attributes). */
  public static QueueData priority(int priority) {
    return new QueueData(priority, null, Map.of());
  }

  /** Queue data with this due date (priority 0, no attributes). */
  public static QueueData dueAt(Instant due) {
    return NONE.due(due);
  }

  /** This data with another priority. */
  public QueueData withPriority(int priority) {
    return new QueueData(priority, dueAt, attributes);
  }

  /** This data with a due date (null: none). */
  public QueueData due(@Nullable Instant due) {
    return new QueueData(priority, due, attributes);
  }

  /** This data with one more attribute (or another value for one it has). */
  public QueueData attribute(String name, String value) {
    TreeMap<String, String> more = new TreeMap<>(attributes);
    more.put(name, value);
    return new QueueData(priority, dueAt, more);
  }
}
