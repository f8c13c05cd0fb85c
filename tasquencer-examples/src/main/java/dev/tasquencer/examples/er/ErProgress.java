package dev.tasquencer.examples.er;

/** Observes a demo run: called each time a patient's journey reached a final state. */
@FunctionalInterface
public interface ErProgress {
  ErProgress NONE = (finished, total) -> {};

  void journeyFinished(int finished, int total);
}
