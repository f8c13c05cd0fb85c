package dev.tasquencer.api.search;

import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.api.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Which root instances {@code queries().instances} returns: every criterion is optional (null, an
 * empty set, false), and those given are combined with and. Build one from {@link #ALL} with the
 * {@code with...} methods. Times are the engine clock's; each range includes its start and excludes
 * its end.
 *
 * @param workflow instances of this definition name only
 * @param version instances of this definition version only
 * @param states instances in one of these states only (empty: any)
 * @param businessKey instances initialized with this business key only
 * @param createdFrom instances created at or after this instant
 * @param createdTo instances created before this instant
 * @param updatedFrom instances whose state last changed at or after this instant
 * @param updatedTo instances whose state last changed before this instant
 * @param withOpenIncidents only instances whose tree has an open incident
 * @param stuckFor only instances that are not final (initialized or started) and on whose tree no
 *     engine call has committed for at least this long (their {@link InstanceSummary#lastCallAt()}
 *     is at or before now minus it); positive
 * @param suspended only suspended trees (true) or only trees that are not suspended (false)
 */
public record InstanceFilter(
    @Nullable String workflow,
    @Nullable String version,
    Set<WorkflowState> states,
    @Nullable String businessKey,
    @Nullable Instant createdFrom,
    @Nullable Instant createdTo,
    @Nullable Instant updatedFrom,
    @Nullable Instant updatedTo,
    boolean withOpenIncidents,
    @Nullable Duration stuckFor,
    @Nullable Boolean suspended) {

  /** Every root instance. */
  public static final InstanceFilter ALL =
      new InstanceFilter(null, null, Set.of(), null, null, null, null, null, false, null, null);

  public InstanceFilter {
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    if (stuckFor != null && (stuckFor.isNegative() || stuckFor.isZero())) {
      throw new InvalidArgumentException(
          "stuckFor must be a positive duration (how long without a committed call), was "
              + stuckFor);
    }
    range("created", createdFrom, createdTo);
    range("updated", updatedFrom, updatedTo);
  }

  private static void range(String what, @Nullable Instant from, @Nullable Instant to) {
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidArgumentException(
          "the " + what + " range starts at " + from + ", after its end " + to);
    }
  }

  public InstanceFilter withWorkflow(@Nullable String workflow) {
    return with(p -> p.workflow = workflow);
  }

  public InstanceFilter withVersion(@Nullable String version) {
    return with(p -> p.version = version);
  }

  /** Instances in one of {@code states} (none: any state). */
  public InstanceFilter withStates(WorkflowState... states) {
    return with(p -> p.states = Set.of(states));
  }

  public InstanceFilter withBusinessKey(@Nullable String businessKey) {
    return with(p -> p.businessKey = businessKey);
  }

  /** Instances created in {@code [from, to)}; either end may be null (open). */
  public InstanceFilter withCreated(@Nullable Instant from, @Nullable Instant to) {
    return with(
        p -> {
          p.createdFrom = from;
          p.createdTo = to;
        });
  }

  /** Instances whose state last changed in {@code [from, to)}; either end may be null (open). */
  public InstanceFilter withUpdated(@Nullable Instant from, @Nullable Instant to) {
    return with(
        p -> {
          p.updatedFrom = from;
          p.updatedTo = to;
        });
  }

  /** Only instances whose tree has an open incident (true), or no such restriction (false). */
  public InstanceFilter withOpenIncidents(boolean withOpenIncidents) {
    return with(p -> p.withOpenIncidents = withOpenIncidents);
  }

  /** Only instances not final and without a committed call for at least {@code idle}. */
  public InstanceFilter withStuckFor(@Nullable Duration idle) {
    return with(p -> p.stuckFor = idle);
  }

  /** Only suspended trees (true), only trees not suspended (false), or either (null). */
  public InstanceFilter withSuspended(@Nullable Boolean suspended) {
    return with(p -> p.suspended = suspended);
  }

  private InstanceFilter with(Consumer<Parts> change) {
    Parts p = new Parts(this);
    change.accept(p);
    return new InstanceFilter(
        p.workflow,
        p.version,
        p.states,
        p.businessKey,
        p.createdFrom,
        p.createdTo,
        p.updatedFrom,
        p.updatedTo,
        p.withOpenIncidents,
        p.stuckFor,
        p.suspended);
  }

  /** The components of a filter, to change one or two of them. */
  private static final class Parts {
    @Nullable String workflow;
    @Nullable String version;
    Set<WorkflowState> states;
    @Nullable String businessKey;
    @Nullable Instant createdFrom;
    @Nullable Instant createdTo;
    @Nullable Instant updatedFrom;
    @Nullable Instant updatedTo;
    boolean withOpenIncidents;
    @Nullable Duration stuckFor;
    @Nullable Boolean suspended;

    Parts(InstanceFilter f) {
      workflow = f.workflow;
      version = f.version;
      states = f.states;
      businessKey = f.businessKey;
      createdFrom = f.createdFrom;
      createdTo = f.createdTo;
      updatedFrom = f.updatedFrom;
      updatedTo = f.updatedTo;
      withOpenIncidents = f.withOpenIncidents;
      stuckFor = f.stuckFor;
      suspended = f.suspended;
    }
  }
}
