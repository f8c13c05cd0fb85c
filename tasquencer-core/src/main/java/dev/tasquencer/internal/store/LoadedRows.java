package dev.tasquencer.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The identity map of one session: each workflow and work item is one row object per call, whether
 * it was created in the call or read (once or several times); the tasks and conditions that a
 * lock-and-load statement read ahead wait here until the runtime asks for them.
 */
final class LoadedRows {
  private final Session session;
  private final Map<UUID, WorkflowRow> workflows = new HashMap<>();
  private final Map<UUID, WorkItemRow> workItems = new HashMap<>();
  private final Map<UUID, Session.WorkflowRows> prefetched = new HashMap<>();
  private final Set<UUID> lockedRoots = new LinkedHashSet<>();

  LoadedRows(Session session) {
    this.session = session;
  }

  @Nullable WorkflowRow workflow(UUID id) {
    return workflows.get(id);
  }

  @Nullable WorkItemRow workItem(UUID id) {
    return workItems.get(id);
  }

  void add(WorkflowRow r) {
    workflows.put(r.id, r);
  }

  void add(WorkItemRow r) {
    workItems.put(r.id, r);
  }

  /** The workflow row at the cursor (columns without prefix): the known object if there is one. */
  WorkflowRow workflow(ResultSet rs) throws SQLException {
    return workflow(rs, "");
  }

  /** The workflow row at the cursor, whose column names carry {@code prefix}. */
  WorkflowRow workflow(ResultSet rs, String prefix) throws SQLException {
    WorkflowRow known = workflows.get(WorkflowTable.id(rs, prefix));
    if (known != null) {
      return known;
    }
    WorkflowRow r = WorkflowTable.read(session, rs, prefix);
    add(r);
    return r;
  }

  /**
   * The root row at the cursor of a statement that locked it (columns without prefix): the known
   * object if there is one, with the history sequence as stored when the lock was granted.
   */
  WorkflowRow lockedRoot(ResultSet rs) throws SQLException {
    WorkflowRow r = workflow(rs);
    r.lockedHistorySeq(WorkflowTable.historySeq(rs, ""));
    r.lockedSuspended(WorkflowTable.suspended(rs, ""));
    lockedRoots.add(r.id);
    return r;
  }

  /** The first root this session locked, or null. */
  @Nullable UUID firstLockedRoot() {
    return lockedRoots.isEmpty() ? null : lockedRoots.iterator().next();
  }

  /** Records on every root row this session locked that its call commits at {@code now}. */
  void called(java.time.Instant now) {
    for (UUID id : lockedRoots) {
      WorkflowRow r = workflows.get(id);
      if (r != null) {
        r.called(now);
      }
    }
  }

  /** Whether this session locked the root row {@code rootId}. */
  boolean holdsLock(UUID rootId) {
    return lockedRoots.contains(rootId);
  }

  /** The work item row at the cursor: the known object if there is one. */
  WorkItemRow workItem(ResultSet rs) throws SQLException {
    WorkItemRow known = workItems.get(WorkItemTable.id(rs));
    if (known != null) {
      return known;
    }
    WorkItemRow r = WorkItemTable.read(session, rs);
    add(r);
    return r;
  }

  /** Keeps tasks and conditions read ahead (the first read of a workflow wins). */
  void prefetched(Map<UUID, Session.WorkflowRows> rows) {
    rows.forEach(prefetched::putIfAbsent);
  }

  /** The rows read ahead for a workflow, handed out once; null when there are none. */
  Session.@Nullable WorkflowRows takePrefetched(UUID workflowId) {
    return prefetched.remove(workflowId);
  }
}
