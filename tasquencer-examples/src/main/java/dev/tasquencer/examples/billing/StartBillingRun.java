package dev.tasquencer.examples.billing;

import java.util.regex.Pattern;

/**
 * Payload of the billing workflow's initialize action: the period to bill, like {@code 2026-11}.
 */
public record StartBillingRun(String period) {
  private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

  public StartBillingRun {
    if (period != null && !PERIOD.matcher(period).matches()) {
      throw new IllegalArgumentException("period must look like 2026-11, was '" + period + "'");
    }
  }
}
