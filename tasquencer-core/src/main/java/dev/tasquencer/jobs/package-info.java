/**
 * The public job API: handlers, their contexts and the job worker.
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.jobs;

import org.jspecify.annotations.NullMarked;
