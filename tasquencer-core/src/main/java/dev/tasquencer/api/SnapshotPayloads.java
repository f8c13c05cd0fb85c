package dev.tasquencer.api;

import dev.tasquencer.api.error.PayloadReadException;
import dev.tasquencer.api.error.PayloadValidationException;
import java.lang.reflect.RecordComponent;
import java.util.StringJoiner;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The typed reads of the snapshots' payloads. */
final class SnapshotPayloads {
  private SnapshotPayloads() {}

  /**
   * {@code json} read as {@code type} by {@code reader}; null when there is no payload. Whatever
   * the reader throws becomes a {@link PayloadReadException} naming the element and the class.
   */
  static <T> @Nullable T read(
      PayloadReader reader,
      @Nullable String json,
      Class<T> type,
      String element,
      UUID elementId,
      String payload) {
    if (type == null) {
      throw new NullPointerException("the class to read the " + payload + " as must not be null");
    }
    if (json == null) {
      return null;
    }
    Object value;
    try {
      value = reader.read(json, type);
    } catch (PayloadValidationException e) {
      throw new PayloadReadException(
          element, elementId, payload, type, e.field(), e.reason(), e.getCause());
    } catch (RuntimeException e) {
      throw new PayloadReadException(
          element, elementId, payload, type, "", String.valueOf(e.getMessage()), e);
    }
    Class<?> boxed = box(type);
    if (!boxed.isInstance(value)) {
      throw new PayloadReadException(
          element,
          elementId,
          payload,
          type,
          "",
          "the payload reader returned "
              + (value == null ? "null" : "a " + value.getClass().getName()),
          null);
    }
    @SuppressWarnings("unchecked") // checked above; a primitive class reads as its box
    T typed = (T) value;
    return typed;
  }

  /**
   * A snapshot's text as a record writes it, of the components whose {@code values} are given (all
   * but the reader, which comes last).
   */
  static String text(Record snapshot, Object[] values) {
    RecordComponent[] components = snapshot.getClass().getRecordComponents();
    StringJoiner text = new StringJoiner(", ", snapshot.getClass().getSimpleName() + "[", "]");
    for (int i = 0; i < values.length; i++) {
      text.add(components[i].getName() + "=" + values[i]);
    }
    return text.toString();
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    if (type == byte.class) {
      return Byte.class;
    }
    return type == char.class ? Character.class : Void.class;
  }
}
