/**
 * Message correlation (see {@code docs/messages.md}): a work item waits for a named {@link
 * dev.tasquencer.api.message.Message} under a correlation key computed when it is initialized
 * ({@code Builder.workItem(...).awaits(message.keyedBy(...))}); {@code engine.correlate(message,
 * key, payload)} delivers a message to the work items waiting for it under that key, without the
 * caller knowing their ids. A bufferable message that finds no receiver is kept for a time to live
 * and delivered to the first matching work item initialized meanwhile.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.message;

import org.jspecify.annotations.NullMarked;
