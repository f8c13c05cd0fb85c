package dev.tasquencer.examples.billing;

import java.math.BigDecimal;

/** An invoice generated for one customer in one billing run. */
public record Invoice(long billingRunId, long customerId, BigDecimal amount) {}
