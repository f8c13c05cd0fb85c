/**
 * Internal: the OR-join decision. A pure function of a workflow definition and a marking: an
 * OR-join may fire iff at least one of its inputs is marked and no marking reachable from the
 * current state (without firing the OR-join) puts a token into an input that is empty now while its
 * marked inputs stay marked.
 *
 * <p>The net is translated into a reset net that encodes this engine's semantics exactly where it
 * matters: a task has at most one active generation (a complement place per task), a cancellation
 * region empties its conditions and ends its tasks (reset arcs, with the task made idle again), and
 * the workflow stops once its end condition is marked. The question is then answered by backward
 * coverability on that net (a well-structured transition system, so it terminates), restricted to
 * the part of the net that can feed the OR-join.
 *
 * <p>Not part of the public API; it may change without notice.
 */
@NullMarked
package dev.tasquencer.internal.runtime.orjoin;

import org.jspecify.annotations.NullMarked;
