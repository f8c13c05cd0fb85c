package dev.tasquencer.internal.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * {@code tq_offer_target}: one row per user, group or scope an allocation is offered to. Written
 * once, with the allocation; never updated (a re-offer, later, replaces the rows).
 */
final class OfferTargetTable {
  static final String NAME = "tq_offer_target";

  static final Columns COLUMNS = Columns.of("root_id", "work_item_id", "kind", "target");

  private OfferTargetTable() {}

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
