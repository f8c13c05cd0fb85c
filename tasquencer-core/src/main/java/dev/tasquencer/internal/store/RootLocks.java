package dev.tasquencer.internal.store;

import java.util.Optional;
import java.util.UUID;

/**
 * The statements that lock the root workflow row of a tree for the rest of the transaction, which
 * serializes the calls on that tree. Each returns the root row; empty when there is no such row.
 */
final class RootLocks {
  private static final String SELECT = "select " + WorkflowTable.COLUMNS.list() + " from ";

  /** The root by its id. */
  static final String ROOT = SELECT + WorkflowTable.NAME + " where id = ? for update";

  /** The root of the tree of the workflow with id {@code ?}. */
  static final String ROOT_OF_WORKFLOW =
      SELECT
          + WorkflowTable.NAME
          + " where id = (select root_id from "
          + WorkflowTable.NAME
          + " where id = ?) for update";

  /** The root of the tree of the work item with id {@code ?}. */
  static final String ROOT_OF_WORK_ITEM =
      SELECT
          + WorkflowTable.NAME
          + " where id = (select root_id from "
          + WorkItemTable.NAME
          + " where id = ?) for update";

  private final Statements statements;
  private final LoadedRows loaded;

  RootLocks(Statements statements, LoadedRows loaded) {
    this.statements = statements;
    this.loaded = loaded;
  }

  /** Runs one of the statements above: one round trip. */
  Optional<WorkflowRow> lock(String sql, UUID id) {
    return statements.first(sql, loaded::lockedRoot, id);
  }
}
