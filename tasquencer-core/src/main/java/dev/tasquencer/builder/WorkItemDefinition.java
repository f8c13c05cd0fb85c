package dev.tasquencer.builder;

import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.allocation.OfferRule;
import dev.tasquencer.api.deadline.Deadline;
import dev.tasquencer.api.message.MessageWait;
import dev.tasquencer.api.queue.QueueRule;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The work item type of an atomic task. */
public final class WorkItemDefinition {
  private final String name;
  private final String description;
  private final WorkItemActivities activities;
  private final WorkItemActions actions;
  private final AtomicTaskDefinition task;
  private final @Nullable OfferRule offer;
  private final List<Deadline> deadlines;
  private final @Nullable QueueRule queue;
  private final @Nullable MessageWait awaits;

  WorkItemDefinition(WorkItemBuilder b, AtomicTaskDefinition task) {
    this.name = b.name;
    this.description = b.description;
    this.activities = b.activities;
    this.actions = b.actions;
    this.task = task;
    this.offer = b.offer;
    this.deadlines = b.deadlines;
    this.queue = b.queue;
    this.awaits = b.awaits;
  }

  /** The message its work items wait for (docs/messages.md); null when they wait for none. */
  public @Nullable MessageWait awaits() {
    return awaits;
  }

  /** The queue data of its offered work items; null for the default ({@code QueueData.NONE}). */
  public @Nullable QueueRule queue() {
    return queue;
  }

  /** How its work items are offered when initialized; null when they are not offered. */
  public @Nullable OfferRule offer() {
    return offer;
  }

  /**
   * The offer of its work items when it was declared as a value ({@code offer(Offer)}), the same
   * for all of them; null when they are offered by a rule or not at all.
   */
  public @Nullable Offer staticOffer() {
    return offer instanceof StaticOffer s ? s.offer() : null;
  }

  /** Its deadlines (docs/deadlines.md), in declaration order; empty when it has none. */
  public List<Deadline> deadlines() {
    return deadlines;
  }

  /** The deadline named {@code name}, or null. */
  public @Nullable Deadline deadline(String name) {
    for (Deadline d : deadlines) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public WorkItemActivities activities() {
    return activities;
  }

  public WorkItemActions actions() {
    return actions;
  }

  public AtomicTaskDefinition task() {
    return task;
  }

  /** The task's path plus the work item name. */
  public List<String> path() {
    List<String> p = new ArrayList<>(task.path());
    p.add(name);
    return List.copyOf(p);
  }
}
