/**
 * The billing example: a billing run that generates an invoice per customer.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.examples.billing;

import org.jspecify.annotations.NullMarked;
