package dev.tasquencer.api.deadline;

import dev.tasquencer.api.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A deadline of a work item: when it passes (relative to the item's initialize, claim or start, or
 * at an instant computed from its initialize payload) and what happens then (escalate, notify, fail
 * or cancel). Declared on the work item definition; see {@code docs/deadlines.md}.
 *
 * <pre>{@code
 * Builder.workItem("review")
 *     .offer(Offer.toGroups("managers"))
 *     .deadline(Deadline.afterInitialized("unreviewed", Duration.ofDays(2))
 *         .escalate(Escalation.to(Offer.toGroups("deputies"))))
 *     .deadline(Deadline.afterClaimed("stuck", Duration.ofHours(4)).notify("review.stuck"))
 * }</pre>
 *
 * <p>Durations are plain elapsed time: business calendars (working hours, holidays) are not
 * supported.
 *
 * @param name unique among the deadlines of one work item definition; names the deadline in its job
 *     and its notification
 * @param anchor what the deadline is relative to
 * @param after how long after the anchor it passes (zero or more); unused for {@link
 *     Anchor#PAYLOAD}
 * @param time the instant, from the initialize payload, for {@link Anchor#PAYLOAD}; null otherwise
 * @param action what happens when it passes
 * @param escalation the new offer for {@link Action#ESCALATE}; null otherwise
 * @param notifyKind the kind of the outbox message for {@link Action#NOTIFY}; null otherwise
 */
public record Deadline(
    String name,
    Anchor anchor,
    Duration after,
    @Nullable Time<?> time,
    Action action,
    @Nullable Escalation escalation,
    @Nullable String notifyKind) {

  /** The longest name and notification kind. */
  public static final int MAX_NAME = 100;

  /** What a deadline is relative to. */
  public enum Anchor {
    /** The work item was initialized: scheduled by the initialize call. */
    INITIALIZED,
    /**
     * The work item was claimed (or delegated): scheduled by that call, relative to it; void once
     * the claim is released or handed on (the next claim schedules it anew).
     */
    CLAIMED,
    /**
     * The work item started: scheduled by the start call; void once the item is reset (the next
     * start schedules it anew).
     */
    STARTED,
    /** An instant computed from the initialize payload: scheduled by the initialize call. */
    PAYLOAD
  }

  /** What happens when a deadline passes. */
  public enum Action {
    /** The allocation is offered to other targets ({@link Escalation}). */
    ESCALATE,
    /** A message is written to the engine's outbox ({@link Outbox}). */
    NOTIFY,
    /** The work item fails (started first if it was only initialized). */
    FAIL,
    /** The work item is canceled. */
    CANCEL
  }

  /**
   * The instant of a deadline, from the work item's initialize payload.
   *
   * @param <T> the payload's type
   */
  @FunctionalInterface
  public interface Time<T> {
    /** The instant, or null for no deadline for this item. */
    @Nullable Instant at(T payload);
  }

  /** The payload type and function of an absolute deadline. */
  private record PayloadTime<T>(Class<T> type, Time<T> time) implements Time<Object> {
    @Override
    public @Nullable Instant at(Object payload) {
      return time.at(type.cast(payload));
    }
  }

  public Deadline {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(action, "action");
    if (name.isBlank() || name.length() > MAX_NAME) {
      throw new InvalidArgumentException(
          "a deadline's name must be 1 to "
              + MAX_NAME
              + " characters, not blank; was '"
              + name
              + "'");
    }
    if (after.isNegative()) {
      throw new InvalidArgumentException(
          "deadline '"
              + name
              + "' is "
              + after
              + " after its anchor; give zero or a positive"
              + " duration");
    }
    if ((anchor == Anchor.PAYLOAD) != (time != null)) {
      throw new InvalidArgumentException(
          "deadline '"
              + name
              + "': an instant from the payload goes with Deadline.at, and only"
              + " there");
    }
    if ((action == Action.ESCALATE) != (escalation != null)
        || (action == Action.NOTIFY) != (notifyKind != null)) {
      throw new InvalidArgumentException(
          "deadline '"
              + name
              + "': an escalation goes with escalate, a kind with notify, and"
              + " only there");
    }
    if (notifyKind != null && (notifyKind.isBlank() || notifyKind.length() > MAX_NAME)) {
      throw new InvalidArgumentException(
          "deadline '"
              + name
              + "': the notification kind must be 1 to "
              + MAX_NAME
              + " characters, not blank; was '"
              + notifyKind
              + "'");
    }
  }

  /** Passes {@code after} the work item was initialized. */
  public static When afterInitialized(String name, Duration after) {
    return new When(name, Anchor.INITIALIZED, after, null);
  }

  /** Passes {@code after} the work item was claimed (or delegated), while that claim holds. */
  public static When afterClaimed(String name, Duration after) {
    return new When(name, Anchor.CLAIMED, after, null);
  }

  /** Passes {@code after} the work item started, while it stays started. */
  public static When afterStarted(String name, Duration after) {
    return new When(name, Anchor.STARTED, after, null);
  }

  /**
   * Passes at the instant {@code time} computes from the initialize payload (read as {@code type});
   * no deadline when the payload is null or {@code time} returns null.
   */
  public static <T> When at(String name, Class<T> type, Time<T> time) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    return new When(name, Anchor.PAYLOAD, Duration.ZERO, new PayloadTime<>(type, time));
  }

  /** The payload type an absolute deadline reads; null for the other anchors. */
  public @Nullable Class<?> payloadType() {
    return time instanceof PayloadTime<?> p ? p.type() : null;
  }

  /**
   * The instant of an absolute deadline for a payload already read as {@link #payloadType()}; null
   * for no deadline, and for the other anchors.
   */
  public @Nullable Instant instantFor(Object payload) {
    return time instanceof PayloadTime<?> p ? p.at(payload) : null;
  }

  /** When a deadline passes, waiting for what it does then. */
  public static final class When {
    private final String name;
    private final Anchor anchor;
    private final Duration after;
    private final @Nullable Time<?> time;

    private When(String name, Anchor anchor, Duration after, @Nullable Time<?> time) {
      this.name = name;
      this.anchor = anchor;
      this.after = after;
      this.time = time;
    }

    /** Re-offers the work item as {@code escalation} says. */
    public Deadline escalate(Escalation escalation) {
      Objects.requireNonNull(escalation, "escalation");
      return new Deadline(name, anchor, after, time, Action.ESCALATE, escalation, null);
    }

    /** Writes an outbox message of this {@code kind}. */
    public Deadline notify(String kind) {
      Objects.requireNonNull(kind, "kind");
      return new Deadline(name, anchor, after, time, Action.NOTIFY, null, kind);
    }

    /** Fails the work item. */
    public Deadline fail() {
      return new Deadline(name, anchor, after, time, Action.FAIL, null, null);
    }

    /** Cancels the work item. */
    public Deadline cancel() {
      return new Deadline(name, anchor, after, time, Action.CANCEL, null, null);
    }
  }
}
