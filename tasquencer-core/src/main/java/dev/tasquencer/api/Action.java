package dev.tasquencer.api;

/**
 * A boundary callback run in the middle of a transition, with the validated payload: the place for
 * authorization and domain writes. The transition happens after it returns unless it throws.
 */
@FunctionalInterface
public interface Action<C, P> {
  void run(C ctx, P payload) throws Exception;
}
