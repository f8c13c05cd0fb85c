/**
 * Incidents: a job that exhausted its attempts opens an incident on its owner; operators list,
 * retry and resolve them with {@code engine.incidents()} (see {@code docs/incidents.md}).
 *
 * <p>Null-marked: a type without {@code @Nullable} never holds null.
 */
@NullMarked
package dev.tasquencer.api.incident;

import org.jspecify.annotations.NullMarked;
