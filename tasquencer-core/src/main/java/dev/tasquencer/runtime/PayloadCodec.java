package dev.tasquencer.runtime;

import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.builder.ActionSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates action payloads against their declared type and converts them to and from the JSON
 * stored with workflows and work items.
 *
 * <p>A payload type is usually a record. Its components are required unless they are {@link
 * Optional} or annotated with an annotation named {@code Nullable}; a compact constructor may
 * reject values by throwing {@link IllegalArgumentException}. Payloads may arrive as an instance of
 * the type, or as a {@code Map}/JSON tree/JSON string to convert.
 */
public final class PayloadCodec {
  private final JsonMapper mapper;
  private final ConcurrentHashMap<Class<?>, List<Required>> required = new ConcurrentHashMap<>();

  private record Required(String name, Method accessor) {}

  /** A validated payload: the typed object and, when asked for, its JSON. */
  public record Validated(Object value, String json) {
    static final Validated NONE = new Validated(null, null);
  }

  public PayloadCodec() {
    this.mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .findAndAddModules()
            .build();
  }

  public JsonMapper mapper() {
    return mapper;
  }

  /**
   * Validates a payload for an action.
   *
   * @param toJson whether the JSON form is needed (initialize payloads are stored)
   */
  public Validated validate(
      ActionSpec<?> spec, Object payload, Object elementRef, String action, boolean toJson) {
    Class<?> type = spec.payloadType();
    if (type == Void.class || type == void.class) {
      return Validated.NONE;
    }
    if (payload == null) {
      if (type == Object.class) {
        return Validated.NONE;
      }
      throw new PayloadValidationException(
          String.valueOf(elementRef), action, "", "a payload of type " + type.getSimpleName() + " is required");
    }
    Object value;
    if (type == Object.class || type.isInstance(payload)) {
      value = payload;
    } else {
      value = convert(payload, type, elementRef, action);
    }
    checkRequired(value, "", elementRef, action);
    return new Validated(value, toJson ? write(value, elementRef, action) : null);
  }

  private Object convert(Object payload, Class<?> type, Object elementRef, String action) {
    String element = String.valueOf(elementRef);
    try {
      if (type.isRecord()) {
        JsonNode tree =
            payload instanceof String s ? mapper.readTree(s) : mapper.valueToTree(payload);
        checkPrimitivesPresent(type, tree, "", element, action);
        return mapper.treeToValue(tree, type);
      }
      if (payload instanceof String s && type != String.class) {
        return mapper.readValue(s, type);
      }
      return mapper.convertValue(payload, type);
    } catch (DatabindException e) {
      throw new PayloadValidationException(element, action, pathOf(e), reasonOf(e));
    } catch (JacksonException e) {
      throw new PayloadValidationException(element, action, "", e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      Throwable c = e.getCause() instanceof JacksonException j ? j : e;
      if (c instanceof DatabindException d) {
        throw new PayloadValidationException(element, action, pathOf(d), reasonOf(d));
      }
      throw new PayloadValidationException(element, action, "", String.valueOf(c.getMessage()));
    }
  }

  /**
   * JSON fills a missing primitive record component with 0 or false; a payload must name them, so
   * missing ones are reported like missing references.
   */
  private static void checkPrimitivesPresent(
      Class<?> type, JsonNode node, String prefix, String element, String action) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      String field = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
      JsonNode value = node.get(c.getName());
      if (c.getType().isPrimitive() && (value == null || value.isNull())) {
        throw new PayloadValidationException(element, action, field, "is required");
      }
      if (c.getType().isRecord() && value != null) {
        checkPrimitivesPresent(c.getType(), value, field, element, action);
      }
    }
  }

  private static String pathOf(DatabindException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String reasonOf(DatabindException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException && root.getMessage() != null) {
      return root.getMessage();
    }
    String m = e.getOriginalMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private void checkRequired(Object value, String prefix, Object element, String action) {
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    for (Required r : required.computeIfAbsent(value.getClass(), PayloadCodec::requiredOf)) {
      Object v;
      try {
        v = r.accessor().invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read record component " + r.name(), e);
      }
      String field = prefix.isEmpty() ? r.name() : prefix + "." + r.name();
      if (v == null) {
        throw new PayloadValidationException(String.valueOf(element), action, field, "is required");
      }
      checkRequired(v, field, element, action);
    }
  }

  private static List<Required> requiredOf(Class<?> type) {
    List<Required> out = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getType().isPrimitive() || c.getType() == Optional.class || isNullable(c)) {
        continue;
      }
      Method m = c.getAccessor();
      m.setAccessible(true);
      out.add(new Required(c.getName(), m));
    }
    return List.copyOf(out);
  }

  private static boolean isNullable(RecordComponent c) {
    for (Annotation a : c.getAnnotations()) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    for (Annotation a : c.getAnnotatedType().getAnnotations()) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }

  /** JSON of a value (null stays null). */
  public String write(Object value, Object element, String action) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JacksonException e) {
      throw new PayloadValidationException(
          String.valueOf(element), action, "", "cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  /** Reads a stored payload as {@code type}; {@code cached} is used when it already fits. */
  public <T> T read(String json, Object cached, Class<T> type) {
    if (cached != null && type.isInstance(cached)) {
      return type.cast(cached);
    }
    if (json == null) {
      return null;
    }
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException e) {
      throw new PayloadValidationException(
          "stored payload", "read as " + type.getSimpleName(), "", e.getOriginalMessage());
    }
  }
}
