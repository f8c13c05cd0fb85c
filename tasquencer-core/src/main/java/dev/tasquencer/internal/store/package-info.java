/**
 * Internal: SQL persistence of instance state (rows, the per-call unit of work, dialects, Flyway
 * migrations). Not part of the public API; it may change without notice.
 */
package dev.tasquencer.internal.store;
