package dev.tasquencer.store;

/**
 * A row of an engine table held by a {@link Session}. New rows are inserted at flush with their
 * latest values; loaded rows that change are updated at flush.
 */
public abstract class Row {
  private final Session session;
  private boolean persisted;
  private boolean dirty;

  Row(Session session, boolean persisted) {
    this.session = session;
    this.persisted = persisted;
    if (!persisted) {
      session.inserted(this);
    }
  }

  /** Records a change, to be written at the next flush. */
  protected final void touch() {
    if (persisted && !dirty) {
      dirty = true;
      session.updated(this);
    }
  }

  final void flushed() {
    persisted = true;
    dirty = false;
  }

  public final boolean isNew() {
    return !persisted;
  }
}
