package dev.tasquencer.examples.billing;

import java.math.BigDecimal;

/** Number and sum of the invoices of a billing run. */
public record InvoiceTotals(long count, BigDecimal amount) {}
