package dev.tasquencer.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * {@code tq_offer_target}: one row per user, group or scope an allocation is offered to. Written
 * with the allocation; never updated: an escalation deletes an allocation's rows and inserts those
 * of its new offer, in one flush.
 */
final class OfferTargetTable {
  static final String NAME = "tq_offer_target";

  static final Columns COLUMNS = Columns.of("root_id", "work_item_id", "kind", "target");

  /** Deletes the targets of one allocation (before an escalation inserts its new ones). */
  static final String DELETE = "delete from " + NAME + " where root_id = ? and work_item_id = ?";

  private OfferTargetTable() {}

  /** The targets of one allocation, to delete at the next flush. */
  record Deletion(UUID rootId, UUID workItemId) {
    /** Binds the parameters of {@link #DELETE} from {@code o}; returns the next index. */
    int bind(PreparedStatement ps, int o) throws SQLException {
      Params.bind(ps, o, rootId);
      Params.bind(ps, o + 1, workItemId);
      return o + 2;
    }
  }

  /** What a target names. */
  enum Kind {
    USER,
    GROUP,
    SCOPE;

    final String id = name().toLowerCase(Locale.ROOT);

    static Kind of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The one of the three sets that holds targets of this kind. */
    Set<String> into(Set<String> users, Set<String> groups, Set<String> scopes) {
      return switch (this) {
        case USER -> users;
        case GROUP -> groups;
        case SCOPE -> scopes;
      };
    }
  }

  /** One target of an offer: inserted with its allocation, never changed. */
  static final class TargetRow extends Row {
    final UUID rootId;
    final UUID workItemId;
    final Kind kind;
    final String target;

    TargetRow(Session session, UUID rootId, UUID workItemId, Kind kind, String target) {
      super(session, false);
      this.rootId = rootId;
      this.workItemId = workItemId;
      this.kind = kind;
      this.target = target;
    }
  }

  static TableWriter<TargetRow> writer() {
    return new TableWriter<>(
        NAME,
        COLUMNS,
        COLUMNS.values(c -> "?"),
        // never run: a target row is not changed after its insert
        "update " + NAME + " set target = target where 1 = 0") {
      @Override
      int bindInsert(PreparedStatement ps, int p, TargetRow r) throws SQLException {
        Params.bind(ps, p++, r.rootId);
        Params.bind(ps, p++, r.workItemId);
        Params.bind(ps, p++, r.kind.id);
        Params.bind(ps, p++, r.target);
        return p;
      }

      @Override
      int bindUpdate(PreparedStatement ps, int o, TargetRow r) {
        throw new IllegalStateException("an offer target is never updated");
      }
    };
  }
}
