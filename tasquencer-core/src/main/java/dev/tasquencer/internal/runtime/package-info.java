/**
 * Internal: the net semantics (state machines, marking and enabling, splits and joins, policies,
 * auto-triggers, activity order) executed inside one engine call, the transaction around each call,
 * and the engine facade, created by {@link dev.tasquencer.internal.runtime.Engines#create}. Not
 * part of the public API; it may change without notice.
 */
@NullMarked
package dev.tasquencer.internal.runtime;

import org.jspecify.annotations.NullMarked;
