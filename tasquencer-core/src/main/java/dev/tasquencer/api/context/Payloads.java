package dev.tasquencer.api.context;

import org.jspecify.annotations.Nullable;

/** Access to a stored JSON payload as a Java type. */
public interface Payloads {

  /**
   * The payload converted to {@code type} (a record, a {@code Map}, {@code JsonNode}...), or null
   * when there is none.
   */
  <T> @Nullable T payload(Class<T> type);
}
