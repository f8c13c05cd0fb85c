package dev.tasquencer.examples.billing;

import java.math.BigDecimal;

/** A customer and the balance not invoiced yet. */
public record Customer(long id, String name, BigDecimal balance) {}
