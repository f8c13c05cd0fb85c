package dev.tasquencer.api.error;

import dev.tasquencer.api.allocation.AllocationState;
import java.util.Collection;

/**
 * An allocation event (claim, release, delegate) that the allocation's state does not allow: for
 * example a release of an item nobody claimed, or a claim of an item that has ended (its allocation
 * is done).
 */
public class AllocationInvalidStateException extends InvalidStateTransitionException {
  private static final long serialVersionUID = 1L;

  public AllocationInvalidStateException(
      String element,
      AllocationState current,
      String attempted,
      Collection<AllocationState> allowed) {
    super("allocation of work item", element, current, attempted, allowed);
  }
}
