package dev.tasquencer.internal.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tasquencer.api.error.PayloadValidationException;
import dev.tasquencer.builder.ActionSpec;
import java.lang.annotation.Annotation;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates action payloads against their declared type and converts them to and from the JSON
 * stored with workflows, work items and jobs.
 *
 * <p>The rules, in the order they are checked:
 *
 * <ol>
 *   <li><b>No payload.</b> Java {@code null}, an empty {@link Optional}, a JSON null or missing
 *       node, and (for an action whose type is neither {@code String} nor untyped) JSON text that
 *       is blank or {@code null} all mean "no payload". An untyped default action accepts that;
 *       every action with a declared type requires a payload.
 *   <li><b>Text.</b> Every string in the payload, map keys included, must be Unicode text without
 *       NUL characters and without lone surrogates: PostgreSQL cannot store the first and replaces
 *       the second by {@code ?}, so both are rejected on every database.
 *   <li><b>Shape</b>, when the payload has to be converted to a record: every component is required
 *       unless it is {@link Optional} or annotated with an annotation named {@code Nullable};
 *       components must have the right JSON type (a string, a whole number in range, a number,
 *       true/false, an array, an object); unknown fields are rejected. This runs on the JSON before
 *       any constructor, so compact constructors see complete values.
 *   <li><b>Conversion</b>: a compact constructor may still reject values; its exception becomes a
 *       {@link PayloadValidationException} naming the record type, with the exception as cause.
 *   <li><b>Size</b>: a payload that is stored (initialize, jobs) may have at most {@link
 *       #MAX_STORED_JSON} characters of JSON, on every database.
 * </ol>
 *
 * <p>Payloads may arrive as an instance of the type, or as a {@code Map}, JSON tree or JSON text to
 * convert. For an untyped (default) action a payload is kept as given; a {@code String} there, and
 * for a {@code String} action, is text, not JSON.
 */
final class PayloadCodec {
  /** The longest JSON a stored payload may have (the size of H2's payload columns). */
  public static final int MAX_STORED_JSON = 1_000_000;

  private final JsonMapper mapper;
  private final ConcurrentHashMap<Class<?>, RecordShape> shapes = new ConcurrentHashMap<>();

  /** A validated payload: the typed object and, when asked for, its JSON. */
  public record Validated(@Nullable Object value, @Nullable String json) {
    static final Validated NONE = new Validated(null, null);
  }

  /** The JSON fields of a record type. */
  private record RecordShape(List<Component> components, Set<String> names, boolean closed) {}

  private record Component(String name, Type type, boolean required) {}

  /** Builds the exceptions of one validation, describing the element only when one is thrown. */
  private record Where(Object element, String action) {
    PayloadValidationException error(String field, String reason) {
      return new PayloadValidationException(String.valueOf(element), action, field, reason);
    }

    PayloadValidationException error(String field, String reason, Throwable cause) {
      return new PayloadValidationException(String.valueOf(element), action, field, reason, cause);
    }
  }

  PayloadCodec() {
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
      ActionSpec<?> spec,
      @Nullable Object payload,
      Object elementRef,
      String action,
      boolean toJson) {
    Class<?> type = spec.payloadType();
    if (type == Void.class || type == void.class) {
      return Validated.NONE;
    }
    Where where = new Where(elementRef, action);
    boolean untyped = type == Object.class;
    Object given = unwrap(payload);
    boolean jsonText = given instanceof String && !untyped && type != String.class;
    @Nullable JsonNode tree;
    if (jsonText && given instanceof String text) {
      tree = parse(text, where);
    } else {
      tree = given == null ? null : toTree(given, where);
    }
    if (tree == null || isAbsent(tree)) {
      if (untyped) {
        return Validated.NONE;
      }
      throw where.error("", "a payload of type " + type.getSimpleName() + " is required");
    }
    checkText(tree, "", where);
    checkShape(type, tree, "", where);
    boolean asGiven = untyped || (!jsonText && type.isInstance(given));
    Object value = asGiven ? given : convert(tree, type, where);
    if (!toJson) {
      return new Validated(value, null);
    }
    return new Validated(value, json(value == given ? tree : value, where));
  }

  /** Unwraps the Java and JSON forms of "no payload" and of an optional one. */
  private static @Nullable Object unwrap(@Nullable Object payload) {
    if (payload instanceof Optional<?> o) {
      return o.orElse(null);
    }
    if (payload instanceof JsonNode n && (n.isNull() || n.isMissingNode())) {
      return null;
    }
    return payload;
  }

  private static boolean isAbsent(JsonNode tree) {
    return tree.isNull() || tree.isMissingNode();
  }

  private @Nullable JsonNode parse(String text, Where where) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return mapper.readTree(text);
    } catch (JacksonException e) {
      throw where.error("", "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private JsonNode toTree(Object value, Where where) {
    if (value instanceof JsonNode n) {
      return n;
    }
    try {
      return mapper.valueToTree(value);
    } catch (JacksonException | IllegalArgumentException e) {
      throw where.error(
          "",
          "a "
              + value.getClass().getSimpleName()
              + " cannot be represented as JSON: "
              + e.getMessage(),
          e);
    }
  }

  /** The JSON of a payload to store; no longer than every supported database can store. */
  private String json(@Nullable Object value, Where where) {
    String json;
    try {
      json = mapper.writeValueAsString(value);
    } catch (JacksonException e) {
      throw where.error("", "cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
    if (json.length() > MAX_STORED_JSON) {
      throw where.error(
          "",
          "its JSON is "
              + json.length()
              + " characters long, and a stored payload may have at most "
              + MAX_STORED_JSON
              + "; store large data in your own tables and pass its key");
    }
    return json;
  }

  private Object convert(JsonNode tree, Class<?> type, Where where) {
    try {
      return mapper.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable failure = constructorFailure(e);
      String why = failure.getMessage() != null ? failure.getMessage() : failure.toString();
      throw where.error(
          pathOf(e),
          e.getType().getRawClass().getSimpleName() + " rejected the values: " + why,
          failure);
    } catch (DatabindException e) {
      throw where.error(pathOf(e), reasonOf(e));
    } catch (JacksonException e) {
      throw where.error("", e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw where.error("", String.valueOf(e.getMessage()), e);
    }
  }

  /** The exception a constructor threw, without the reflection wrappers around it. */
  private static Throwable constructorFailure(ValueInstantiationException e) {
    Throwable t = e.getCause() == null ? e : e.getCause();
    while (t instanceof InvocationTargetException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String pathOf(DatabindException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(printable(ref.getPropertyName()));
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String reasonOf(DatabindException e) {
    String m = e.getOriginalMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  // ---------------------------------------------------------------------------- shape

  /**
   * Checks that {@code node} fits {@code type}: required record components present, JSON types
   * right, no unknown fields. Types it does not know (dates, UUIDs, user classes) are left to the
   * conversion, which names the field too.
   */
  private void checkShape(Type type, JsonNode node, String path, Where where) {
    Class<?> raw = rawClass(type);
    if (raw == null || raw == Object.class || raw.isInstance(node)) {
      return;
    }
    if (raw.isRecord()) {
      checkRecord(raw, node, path, where);
    } else if (raw == Optional.class) {
      checkShape(typeArgument(type, 0), node, path, where);
    } else if ((raw.isArray() && raw != byte[].class) || Collection.class.isAssignableFrom(raw)) {
      if (!node.isArray()) {
        throw where.error(path, "expected an array, got " + describe(node));
      }
      Type element = raw.isArray() ? elementType(type) : typeArgument(type, 0);
      for (int i = 0; i < node.size(); i++) {
        if (!node.get(i).isNull()) {
          checkShape(element, node.get(i), path + "[" + i + "]", where);
        }
      }
    } else if (Map.class.isAssignableFrom(raw)) {
      if (!node.isObject()) {
        throw where.error(path, "expected an object, got " + describe(node));
      }
      Type value = typeArgument(type, 1);
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getValue().isNull()) {
          checkShape(value, e.getValue(), join(path, e.getKey()), where);
        }
      }
    } else {
      checkScalar(raw, node, path, where);
    }
  }

  private void checkRecord(Class<?> raw, JsonNode node, String path, Where where) {
    if (!node.isObject()) {
      throw where.error(
          path, "expected an object (" + raw.getSimpleName() + "), got " + describe(node));
    }
    RecordShape shape = shapes.computeIfAbsent(raw, PayloadCodec::shapeOf);
    if (shape.closed()) {
      for (String name : node.propertyNames()) {
        if (!shape.names().contains(name)) {
          throw where.error(
              join(path, name),
              "is not a field of " + raw.getSimpleName() + "; its fields are " + shape.names());
        }
      }
    }
    for (Component c : shape.components()) {
      JsonNode value = node.get(c.name());
      String field = join(path, c.name());
      if (value == null || value.isNull()) {
        if (c.required()) {
          throw where.error(field, "is required");
        }
      } else {
        checkShape(c.type(), value, field, where);
      }
    }
  }

  private static void checkScalar(Class<?> raw, JsonNode node, String path, Where where) {
    String expected = null;
    if (raw == boolean.class || raw == Boolean.class) {
      expected = node.isBoolean() ? null : "true or false";
    } else if (raw == String.class || raw == char.class || raw == Character.class) {
      expected = node.isString() ? null : "a string";
    } else if (raw.isEnum()) {
      expected = node.isString() ? null : "one of " + List.of(raw.getEnumConstants());
    } else if (raw == double.class
        || raw == Double.class
        || raw == float.class
        || raw == Float.class
        || raw == BigDecimal.class) {
      expected = node.isNumber() ? null : "a number";
    } else {
      BigInteger[] range = integralRange(raw);
      if (range != null) {
        checkWholeNumber(raw, range, node, path, where);
      }
    }
    if (expected != null) {
      throw where.error(path, "expected " + expected + ", got " + describe(node));
    }
  }

  private static final BigInteger[] BYTE = range(Byte.MIN_VALUE, Byte.MAX_VALUE);
  private static final BigInteger[] SHORT = range(Short.MIN_VALUE, Short.MAX_VALUE);
  private static final BigInteger[] INT = range(Integer.MIN_VALUE, Integer.MAX_VALUE);
  private static final BigInteger[] LONG = range(Long.MIN_VALUE, Long.MAX_VALUE);
  private static final BigInteger[] UNBOUNDED = new BigInteger[2];

  private static BigInteger[] range(long min, long max) {
    return new BigInteger[] {BigInteger.valueOf(min), BigInteger.valueOf(max)};
  }

  /** The range of an integral type, or null when {@code raw} is not one. */
  private static BigInteger @Nullable [] integralRange(Class<?> raw) {
    if (raw == int.class || raw == Integer.class) {
      return INT;
    }
    if (raw == long.class || raw == Long.class) {
      return LONG;
    }
    if (raw == short.class || raw == Short.class) {
      return SHORT;
    }
    if (raw == byte.class || raw == Byte.class) {
      return BYTE;
    }
    return raw == BigInteger.class ? UNBOUNDED : null;
  }

  /** A whole number in range; 12.0 counts as whole, 12.5 does not (it is not truncated). */
  private static void checkWholeNumber(
      Class<?> raw, BigInteger[] range, JsonNode node, String path, Where where) {
    if (!node.isNumber()) {
      throw where.error(path, "expected a whole number, got " + describe(node));
    }
    BigDecimal d = node.decimalValue();
    BigInteger whole;
    try {
      whole = d.toBigIntegerExact();
    } catch (ArithmeticException notWhole) {
      throw where.error(path, "expected a whole number, got " + d.toPlainString());
    }
    if (range[0] != null && (whole.compareTo(range[0]) < 0 || whole.compareTo(range[1]) > 0)) {
      throw where.error(
          path,
          whole
              + " is out of range for "
              + raw.getSimpleName()
              + " ("
              + range[0]
              + " to "
              + range[1]
              + ")");
    }
  }

  private static String describe(JsonNode node) {
    if (node.isString()) {
      String s = node.stringValue();
      return "the string \"" + printable(s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (node.isNumber()) {
      return "the number " + node.decimalValue().toPlainString();
    }
    if (node.isBoolean()) {
      return String.valueOf(node.booleanValue());
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.isObject() ? "an object" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private static RecordShape shapeOf(Class<?> type) {
    List<Component> components = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
      String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
      boolean optional = c.getType() == Optional.class || isNullable(c);
      components.add(
          new Component(name, c.getGenericType(), c.getType().isPrimitive() || !optional));
      names.add(name);
    }
    JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
    return new RecordShape(
        List.copyOf(components), names, ignore == null || !ignore.ignoreUnknown());
  }

  private static boolean isNullable(RecordComponent c) {
    return hasNullable(c.getAnnotations())
        || hasNullable(c.getAnnotatedType().getAnnotations())
        || hasNullable(c.getAccessor().getAnnotations());
  }

  private static boolean hasNullable(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    if (type instanceof GenericArrayType) {
      return Object[].class;
    }
    return null;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  private static Type elementType(Type type) {
    if (type instanceof GenericArrayType g) {
      return g.getGenericComponentType();
    }
    return ((Class<?>) type).getComponentType();
  }

  // ---------------------------------------------------------------------------- text

  /**
   * Rejects strings (values and keys, at any depth) that not every supported database stores as
   * given: NUL characters (PostgreSQL refuses them) and lone surrogates (PostgreSQL stores them as
   * {@code ?}).
   */
  private static void checkText(JsonNode node, String path, Where where) {
    if (node.isString()) {
      String problem = textProblem(node.stringValue());
      if (problem != null) {
        throw where.error(path, problem);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkText(node.get(i), path + "[" + i + "]", where);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String field = join(path, e.getKey());
        String problem = textProblem(e.getKey());
        if (problem != null) {
          throw where.error(field, "the key " + problem);
        }
        checkText(e.getValue(), field, where);
      }
    }
  }

  /** What is wrong with a string for storage, or null when nothing is. */
  static @Nullable String textProblem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "contains a NUL character (U+0000) at index "
            + i
            + ", which PostgreSQL cannot store; remove it";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format(
            "contains a lone surrogate (U+%04X) at index %d, which is not Unicode text (PostgreSQL"
                + " would store it as '?'); send whole characters",
            (int) c, i);
      }
    }
    return null;
  }

  private static String join(String path, String name) {
    String p = printable(name);
    return path.isEmpty() ? p : path + "." + p;
  }

  /** A name as it can be shown in a message: control characters and surrogates escaped. */
  private static String printable(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (Character.isISOControl(c) || (Character.isSurrogate(c) && !pair)) {
        if (sb == null) {
          sb = new StringBuilder(s.substring(0, i));
        }
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        if (sb != null) {
          sb.append(c);
          if (pair) {
            sb.append(s.charAt(i + 1));
          }
        }
        if (pair) {
          i++;
        }
      }
    }
    return sb == null ? s : sb.toString();
  }

  // ---------------------------------------------------------------------------- storage

  /**
   * JSON of a value to store (null stays null), such as a job's payload; its strings follow the
   * same rule as action payloads.
   */
  public @Nullable String write(@Nullable Object value, Object element, String action) {
    Object given = unwrap(value);
    if (given == null) {
      return null;
    }
    Where where = new Where(element, action);
    JsonNode tree = toTree(given, where);
    checkText(tree, "", where);
    return json(tree, where);
  }

  /**
   * Reads stored JSON as {@code type} by the rules payloads are given by (the shape, then the
   * conversion), for the snapshots' typed reads; a payload that does not fit raises a {@link
   * PayloadValidationException} naming the field.
   */
  public Object decode(String json, Class<?> type) {
    Where where = new Where("stored payload", "read as " + type.getSimpleName());
    JsonNode tree = parse(json, where);
    if (tree == null || isAbsent(tree)) {
      throw where.error("", "is null");
    }
    checkShape(type, tree, "", where);
    return convert(tree, type, where);
  }

  /**
   * A validated payload (an instance of its action's type) as {@code type}: itself when it fits,
   * otherwise converted by the engine's mapper; null stays null.
   */
  public <T> @Nullable T as(@Nullable Object value, Class<T> type) {
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    return mapper.convertValue(value, type);
  }

  /** Reads a stored payload as {@code type}; {@code cached} is used when it already fits. */
  public <T> @Nullable T read(@Nullable String json, @Nullable Object cached, Class<T> type) {
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
