package dev.tasquencer.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides what history keeps of an action's payload, for personal data that must not stay in an
 * audit trail (or not in full). It runs in the call, before the payload is written to history; the
 * action itself, activities and the work item's stored payload still see the payload as given. Set
 * one per engine with {@code TasquencerBuilder.historyRedactor(...)}.
 *
 * <pre>{@code
 * PayloadRedactor.fields("ssn", "patient.address")                    // in every payload
 *     .andThen(PayloadRedactor.onAction("triage", "complete", PayloadRedactor.WHOLE))
 * }</pre>
 *
 * <p>The payload is handed over as plain Java values, a copy the redactor may change: a JSON object
 * is a {@code Map<String, Object>}, an array a {@code List<Object>}, and the rest {@code String},
 * {@code Number}, {@code Boolean} or null. What it returns is stored as canonical JSON (null stores
 * no payload). A redactor that throws fails the call, like any code of the application.
 */
@FunctionalInterface
public interface PayloadRedactor {
  /** The text that replaces a redacted value. */
  String MASK = "[redacted]";

  /** Keeps every payload as it is (the default). */
  PayloadRedactor NONE = (action, payload) -> payload;

  /** Replaces the whole payload by {@link #MASK} (keeping that there was one). */
  PayloadRedactor WHOLE = (action, payload) -> payload == null ? null : MASK;

  /**
   * What history stores of one action's payload.
   *
   * @param action the action
   * @param payload the payload, or null when the action had none
   * @return what to store instead, or null to store none
   */
  @Nullable Object redact(ActionRef action, @Nullable Object payload);

  /**
   * An action whose payload is about to be recorded.
   *
   * @param element {@link ElementKind#WORK_ITEM} or {@link ElementKind#WORKFLOW}
   * @param workflow the name of the workflow the element belongs to (the workflow itself)
   * @param name the name of the work item type, or of the workflow
   * @param action {@code initialize}, {@code start}, {@code complete}, {@code fail}, {@code cancel}
   *     or {@code reset}
   */
  record ActionRef(ElementKind element, String workflow, String name, String action) {}

  /** This redactor, then {@code next} on what it returned. */
  default PayloadRedactor andThen(PayloadRedactor next) {
    Objects.requireNonNull(next, "next redactor");
    return (action, payload) -> next.redact(action, redact(action, payload));
  }

  /**
   * Applies {@code redactor} only to the payloads of one action of the work items (or workflows)
   * named {@code name}; other payloads pass unchanged.
   */
  static PayloadRedactor onAction(String name, String action, PayloadRedactor redactor) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(redactor, "redactor");
    return (a, payload) ->
        a.name().equals(name) && a.action().equals(action) ? redactor.redact(a, payload) : payload;
  }

  /**
   * Replaces the values of the named fields by {@link #MASK}, in every payload that has them. A
   * path names a field of the payload object ({@code "ssn"}) or a field inside one ({@code
   * "patient.ssn"}); where a path meets an array, it applies to every element of it.
   */
  static PayloadRedactor fields(String... paths) {
    List<List<String>> split = new ArrayList<>();
    for (String p : paths) {
      Objects.requireNonNull(p, "field path");
      if (p.isBlank()) {
        throw new IllegalArgumentException("a field path must not be blank");
      }
      split.add(Arrays.asList(p.split("\\.")));
    }
    return (action, payload) -> {
      for (List<String> path : split) {
        mask(payload, path, 0);
      }
      return payload;
    };
  }

  @SuppressWarnings("unchecked")
  private static void mask(@Nullable Object node, List<String> path, int i) {
    if (node instanceof List<?> list) {
      for (Object element : list) {
        mask(element, path, i);
      }
    } else if (node instanceof Map<?, ?> map && map.containsKey(path.get(i))) {
      if (i == path.size() - 1) {
        ((Map<String, Object>) map).put(path.get(i), MASK);
      } else {
        mask(map.get(path.get(i)), path, i + 1);
      }
    }
  }
}
