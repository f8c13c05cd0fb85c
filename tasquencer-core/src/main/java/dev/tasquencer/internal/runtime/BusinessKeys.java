package dev.tasquencer.internal.runtime;

import dev.tasquencer.api.error.BusinessKeyConflictException;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.internal.store.InstanceSearch;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The business key of a root workflow (docs/search.md): its length, and, for a definition that
 * declares keys unique, the refusal of a key that a root of the same name holds while not final.
 * The unique index of V17 is what decides; the read before the insert only gives the refusal the
 * holder's id and spares the insert when the key is plainly taken.
 */
final class BusinessKeys {
  /** The column's length. */
  static final int MAX_LENGTH = 200;

  private BusinessKeys() {}

  static void check(String key) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      throw new InvalidArgumentException(
          "initializeRootWorkflow: a business key has 1 to "
              + MAX_LENGTH
              + " characters, this one "
              + key.length());
    }
  }

  /** Refuses {@code key} when the definition declares keys unique and a live root holds it. */
  static void refuseTaken(Call call, WorkflowDefinition def, String key) {
    if (!def.uniqueBusinessKey()) {
      return;
    }
    Optional<UUID> holder = InstanceSearch.keyHolder(call.session, def.name(), key);
    if (holder.isPresent()) {
      throw conflict(def, key, holder.get());
    }
  }

  /**
   * The error to raise for a failed initialize: the refusal when the unique index refused the key
   * (a concurrent initialize took it between the read and the insert), else {@code e} itself.
   */
  static RuntimeException conflictOr(
      EngineCore core, WorkflowDefinition def, String key, RuntimeException e) {
    if (!def.uniqueBusinessKey() || !InstanceSearch.isKeyConflict(e)) {
      return e;
    }
    UUID holder =
        core.execute(
                CallRequest.QUERY, call -> InstanceSearch.keyHolder(call.session, def.name(), key))
            .orElse(null);
    return conflict(def, key, holder);
  }

  private static BusinessKeyConflictException conflict(
      WorkflowDefinition def, String key, @Nullable UUID holder) {
    return new BusinessKeyConflictException(
        def.name(),
        key,
        holder,
        "cannot initialize a root workflow '"
            + def.name()
            + "' with business key '"
            + key
            + "': "
            + (holder == null ? "another root" : "root " + holder)
            + " of that workflow holds it and is not final, and the definition declares business"
            + " keys unique (WorkflowBuilder.uniqueBusinessKey()); find it with"
            + " queries().instances(InstanceFilter.ALL.withBusinessKey(key), page), or use another"
            + " key");
  }
}
