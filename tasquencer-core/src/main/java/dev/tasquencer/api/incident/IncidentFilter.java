package dev.tasquencer.api.incident;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which incidents {@link Incidents#list} returns: every criterion is optional (null), and those
 * given are combined with and.
 *
 * @param state open or resolved incidents only
 * @param workflowName incidents of workflows of this definition name only
 * @param rootId incidents of this root workflow's tree only
 */
public record IncidentFilter(
    @Nullable IncidentState state, @Nullable String workflowName, @Nullable UUID rootId) {

  /** Every incident. */
  public static final IncidentFilter ALL = new IncidentFilter(null, null, null);

  /** The open incidents. */
  public static final IncidentFilter OPEN = new IncidentFilter(IncidentState.OPEN, null, null);

  public IncidentFilter withState(@Nullable IncidentState state) {
    return new IncidentFilter(state, workflowName, rootId);
  }

  public IncidentFilter withWorkflowName(@Nullable String workflowName) {
    return new IncidentFilter(state, workflowName, rootId);
  }

  public IncidentFilter withRootId(@Nullable UUID rootId) {
    return new IncidentFilter(state, workflowName, rootId);
  }
}
