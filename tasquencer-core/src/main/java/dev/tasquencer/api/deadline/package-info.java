/**
 * Deadlines of work items and what happens when they pass: escalation (a new offer), a notification
 * in the engine's outbox, or failing or canceling the item (see {@code docs/deadlines.md}). A
 * deadline is declared on a work item definition ({@code Builder.workItem(...).deadline(...)}); the
 * outbox is read with {@code engine.outbox()}.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.deadline;

import org.jspecify.annotations.NullMarked;
