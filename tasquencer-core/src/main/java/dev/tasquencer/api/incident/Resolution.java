package dev.tasquencer.api.incident;

import org.jspecify.annotations.Nullable;

/**
 * How an operator resolves an incident ({@link Incidents#resolve}): complete or fail the owning
 * work item, or cancel the owner, with a payload for that action.
 *
 * @param action what to do with the owner
 * @param payload the payload of the complete, fail or cancel action, or null
 */
public record Resolution(Action action, @Nullable Object payload) {
  /** What an operator does with the owner of an incident. */
  public enum Action {
    /** Complete the owning work item (a work item owner only). */
    COMPLETE,
    /** Fail the owning work item (a work item owner only). */
    FAIL,
    /** Cancel the owning work item, or the workflow of a workflow or task generation owner. */
    CANCEL
  }

  public Resolution {
    java.util.Objects.requireNonNull(action, "action");
  }

  public static Resolution complete(@Nullable Object payload) {
    return new Resolution(Action.COMPLETE, payload);
  }

  public static Resolution fail(@Nullable Object payload) {
    return new Resolution(Action.FAIL, payload);
  }

  public static Resolution cancel(@Nullable Object payload) {
    return new Resolution(Action.CANCEL, payload);
  }
}
