package dev.tasquencer.api;

/**
 * A lifecycle hook. It runs inside the engine call's transaction; throwing anything rolls the whole
 * call back.
 */
@FunctionalInterface
public interface Activity<C> {
  void run(C ctx) throws Exception;
}
