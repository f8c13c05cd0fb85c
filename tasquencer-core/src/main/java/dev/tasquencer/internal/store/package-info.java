/**
 * Internal: SQL persistence of instance state (rows, the per-call unit of work, dialects, Flyway
 * migrations). Not part of the public API; it may change without notice.
 */
@NullMarked
package dev.tasquencer.internal.store;

import org.jspecify.annotations.NullMarked;
