/**
 * Internal: the state machines of workflows, tasks, work items, allocations and jobs as typed
 * transition tables ({@link dev.tasquencer.internal.lifecycle.Lifecycles}), and the one seam that
 * hears every applied transition ({@link dev.tasquencer.internal.lifecycle.TransitionObserver}).
 * Not part of the public API; it may change without notice.
 *
 * <p>This package only describes: it depends on the public API and on nothing else of the engine.
 * The store applies the tables: its {@code TransitionApplier} is the only code that changes the
 * state of a row (the rows' state setters are package-private in the store, and an ArchUnit rule
 * lets only the applier call them), and it reports each change to the call's observers, as it does
 * every change of a condition's marking ({@link dev.tasquencer.internal.lifecycle.ConditionEvent}:
 * a count, not a table, always the engine's doing but for the start condition's first token). Jobs
 * are moved by set-based statements whose state conditions and targets are built from {@link
 * dev.tasquencer.internal.lifecycle.Lifecycles#JOB}.
 */
@NullMarked
package dev.tasquencer.internal.lifecycle;

import org.jspecify.annotations.NullMarked;
