package dev.tasquencer.internal.store;

/**
 * A row of an engine table held by a {@link Session}. New rows are inserted at flush with their
 * latest values; loaded rows that change are updated at flush. A row type whose default values need
 * no row (a condition without tokens) may defer its insert until its first change.
 */
abstract class Row {
  private final Session session;
  private boolean persisted;
  private boolean dirty;
  private boolean insertPending;

  Row(Session session, boolean persisted) {
    this(session, persisted, true);
  }

  /** {@code insertNow}: whether a new row is written at the next flush even if never changed. */
  Row(Session session, boolean persisted, boolean insertNow) {
    this.session = session;
    this.persisted = persisted;
    if (!persisted && insertNow) {
      insertPending = true;
      session.inserted(this);
    }
  }

  /** Records a change, to be written at the next flush. */
  protected final void touch() {
    if (persisted) {
      if (!dirty) {
        dirty = true;
        session.updated(this);
      }
    } else if (!insertPending) {
      insertPending = true;
      session.inserted(this);
    }
  }

  final void flushed() {
    persisted = true;
    dirty = false;
    insertPending = false;
  }

  /**
   * Takes a new row off the pending inserts (it holds only defaults); a later change re-adds it.
   */
  final void insertSkipped() {
    insertPending = false;
  }

  public final boolean isNew() {
    return !persisted;
  }
}
