package dev.tasquencer.internal.lifecycle;

/**
 * Hears every transition the engine applies, the moment its row changes, inside the transaction of
 * the call that applies it: what it is told becomes true only if that call commits. An observer
 * that writes (history, say) buffers per call, so a call that rolls back, or is retried, leaves
 * nothing behind. It must not throw for a transition it does not care about, and must not change
 * engine state. With no observer, applying a transition creates no {@link AppliedTransition}.
 */
@FunctionalInterface
public interface TransitionObserver {
  void applied(AppliedTransition transition);
}
