package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.Db;
import dev.tasquencer.api.context.CallContext;
import java.time.Instant;
import java.util.Optional;

/**
 * The part every activity and action context shares: the engine call it runs in (its transaction
 * and clock) and whether the engine itself made the request.
 */
abstract class CallScope implements CallContext {
  final Call call;
  private final boolean internal;

  CallScope(Call call, boolean internal) {
    this.call = call;
    this.internal = internal;
  }

  @Override
  public final Db db() {
    return call.session.db();
  }

  @Override
  public final boolean isInternal() {
    return internal;
  }

  @Override
  public final Instant now() {
    return call.now;
  }

  @Override
  public final Optional<Actor> actor() {
    return Optional.ofNullable(call.actor());
  }

  @Override
  public final void afterCommit(Runnable callback) {
    call.afterCommit(callback);
  }
}
