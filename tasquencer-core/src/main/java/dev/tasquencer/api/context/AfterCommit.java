package dev.tasquencer.api.context;

/**
 * Work to do once the current engine call has committed: the place for side effects that must
 * follow the commit and may be lost (notifying a socket, evicting a cache, sending a mail that a
 * retry would not repeat). For side effects that must happen, register a job instead: it commits
 * with the call and survives a crash.
 */
public interface AfterCommit {

  /**
   * Runs {@code callback} once the transaction of the current engine call has committed: in the
   * calling thread, after the call's connection is released and before the call returns to its
   * caller. Callbacks run in the order they were registered, at most once each:
   *
   * <ul>
   *   <li>never when the call rolls back (an exception thrown by user code or by the engine);
   *   <li>when a conflict makes the engine re-run the call, only the callbacks registered by the
   *       attempt that committed run; those of earlier attempts are dropped;
   *   <li>a callback runs outside the transaction: it must not use {@code ctx.db()}, and it may
   *       call the engine (that is a new call with its own transaction);
   *   <li>a callback that throws cannot undo the call, which has committed: its exception is logged
   *       at ERROR (logger {@code dev.tasquencer.internal.runtime.EngineCore}), the remaining
   *       callbacks still run and the call returns normally. Catch exceptions inside the callback
   *       to handle them yourself;
   *   <li>callbacks live in memory: if the process stops between the commit and the callback, it
   *       does not run.
   * </ul>
   *
   * @throws dev.tasquencer.api.error.ConstraintViolationException when {@code callback} is null, or
   *     when the call this context belongs to has already ended
   */
  void afterCommit(Runnable callback);
}
