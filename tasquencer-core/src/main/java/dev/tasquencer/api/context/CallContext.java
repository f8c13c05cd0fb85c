package dev.tasquencer.api.context;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Db;
import java.time.Instant;
import java.util.Optional;

/**
 * What every activity and action receives: the call's transaction, who made the call, and a place
 * for work to run once the call has committed.
 */
public interface CallContext extends AfterCommit {

  /** The transaction of the current engine call. */
  Db db();

  /**
   * True when the engine performs this transition on its own behalf (an activity's request, an
   * auto-trigger, a cascade, a job) or the caller used {@code engine.internal()}; false when an
   * outside caller requested it through the public API.
   */
  boolean isInternal();

  /** The engine clock's current time. */
  Instant now();

  /**
   * On whose behalf the call runs: the actor of {@code engine.as(actor)}, also in the activities
   * and internal transitions that call causes; empty when the caller named none (and in jobs).
   */
  Optional<Actor> actor();
}
