package dev.tasquencer.internal.store;

import dev.tasquencer.api.RetryPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of a {@link RetryPolicy} in {@code tq_job.retry_policy} (its attempts are the row's
 * {@code max_attempts}): {@code initial=PT1S;multiplier=2.0;max=PT5M;jitter=0.1;retryOn=a.B,c.D;
 * noRetryOn=e.F}. Workers read it from the row, so they need no policy of their own.
 */
public final class RetryPolicyCodec {
  private RetryPolicyCodec() {}

  public static String encode(RetryPolicy p) {
    return "initial="
        + p.initialBackoff()
        + ";multiplier="
        + p.multiplier()
        + ";max="
        + p.maxBackoff()
        + ";jitter="
        + p.jitter()
        + ";retryOn="
        + String.join(",", p.retryOn())
        + ";noRetryOn="
        + String.join(",", p.noRetryOn());
  }

  public static RetryPolicy decode(String text, int maxAttempts) {
    Map<String, String> fields = new HashMap<>();
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalStateException("malformed retry policy in tq_job: '" + text + "'");
      }
      fields.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return new RetryPolicy(
        maxAttempts,
        Duration.parse(field(fields, "initial", text)),
        Double.parseDouble(field(fields, "multiplier", text)),
        Duration.parse(field(fields, "max", text)),
        Double.parseDouble(field(fields, "jitter", text)),
        names(fields.getOrDefault("retryOn", "")),
        names(fields.getOrDefault("noRetryOn", "")));
  }

  private static String field(Map<String, String> fields, String name, String text) {
    String v = fields.get(name);
    if (v == null) {
      throw new IllegalStateException(
          "retry policy in tq_job lacks '" + name + "': '" + text + "'");
    }
    return v;
  }

  private static List<String> names(String list) {
    return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
  }
}
