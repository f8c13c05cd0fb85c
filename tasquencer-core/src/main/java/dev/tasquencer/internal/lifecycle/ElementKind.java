package dev.tasquencer.internal.lifecycle;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of element whose transitions the engine reports to {@link TransitionObserver}s: the
 * public {@link dev.tasquencer.api.ElementKind}s, which history records, and {@link #JOB}.
 *
 * <p>Why a second enum: jobs change state through the same kind of table, but they are not part of
 * history, so the public enum (what a {@code HistoryEvent} is about, what a {@code HistoryFilter}
 * selects) must not name them; adding a constant to it would also break the exhaustive switches of
 * its users. Every other constant is derived from its public counterpart, which gives its {@link
 * #id()}.
 */
public enum ElementKind {
  WORKFLOW(dev.tasquencer.api.ElementKind.WORKFLOW),
  TASK(dev.tasquencer.api.ElementKind.TASK),
  WORK_ITEM(dev.tasquencer.api.ElementKind.WORK_ITEM),
  /** A change of a condition's marking (produce, consume, clear). */
  CONDITION(dev.tasquencer.api.ElementKind.CONDITION),
  /** The allocation of an offered work item (offer, claim, release, delegate, close). */
  ALLOCATION(dev.tasquencer.api.ElementKind.ALLOCATION),
  /**
   * An incident on a dead job's owner: recorded in history by the calls that open, retry and
   * resolve it (docs/incidents.md); no transition table moves it, so no observer hears of it.
   */
  INCIDENT(dev.tasquencer.api.ElementKind.INCIDENT),
  /** A durable job: moved by the job table, never recorded in history. */
  JOB(null);

  private final dev.tasquencer.api.@Nullable ElementKind inHistory;
  private final String id;

  ElementKind(dev.tasquencer.api.@Nullable ElementKind inHistory) {
    this.inHistory = inHistory;
    this.id = inHistory != null ? inHistory.id() : name().toLowerCase(Locale.ROOT);
  }

  /** The lower-case name used in storage and JSON ({@code "work_item"}). */
  public String id() {
    return id;
  }

  /** The kind history records this element as; null for {@link #JOB}, which it does not record. */
  public dev.tasquencer.api.@Nullable ElementKind inHistory() {
    return inHistory;
  }
}
