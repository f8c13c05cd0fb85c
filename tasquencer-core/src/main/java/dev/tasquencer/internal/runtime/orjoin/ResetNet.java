package dev.tasquencer.internal.runtime.orjoin;

import java.util.List;

/**
 * A reset net over places {@code 0..places-1}: each transition consumes its inputs, then empties
 * its reset places, then adds its outputs.
 *
 * @param places number of places
 * @param placeNames a name per place, for diagnostics
 * @param transitions the transitions
 */
record ResetNet(int places, List<String> placeNames, List<Transition> transitions) {

  /**
   * One transition. Arrays are indexed by place; {@code reset} lists place indices.
   *
   * @param name for diagnostics
   * @param task index of the task it belongs to
   * @param start whether it is a start transition (else an end transition)
   * @param in tokens consumed per place
   * @param out tokens produced per place
   * @param reset places emptied (after consumption, before production)
   */
  @SuppressWarnings("ArrayRecordComponent") // never compared: the arrays are the fast path
  record Transition(String name, int task, boolean start, int[] in, int[] out, int[] reset) {
    boolean resets(int place) {
      for (int r : reset) {
        if (r == place) {
          return true;
        }
      }
      return false;
    }
  }
}
