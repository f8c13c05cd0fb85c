/**
 * Internal: the net semantics (state machines, marking and enabling, splits and joins, policies,
 * auto-triggers, activity order) executed inside one engine call. Not part of the public API.
 */
package dev.tasquencer.internal.runtime;
