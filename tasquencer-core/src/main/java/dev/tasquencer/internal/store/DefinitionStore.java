package dev.tasquencer.internal.store;

import dev.tasquencer.api.error.ConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the structure hash of every registered definition, to detect a net changed under a
 * version name that running instances already use.
 */
public final class DefinitionStore {
  private static final Logger log = LoggerFactory.getLogger(DefinitionStore.class);

  private DefinitionStore() {}

  /**
   * Records {@code hash} for the definition. When a different hash is stored: with running
   * instances of that version this fails (register the changed net as a new version); without, the
   * stored hash is replaced.
   */
  public static void register(Connection c, String name, String version, String hash, Instant now)
      throws SQLException {
    Optional<String> stored = storedHash(c, name, version);
    if (stored.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into tq_definition (name, version, structure_hash, registered_at)"
                  + " values (?,?,?,?)")) {
        Params.bindAll(ps, name, version, hash, now);
        ps.executeUpdate();
      }
      return;
    }
    if (stored.get().equals(hash)) {
      return;
    }
    long running = runningInstances(c, name, version);
    if (running > 0) {
      throw new ConfigurationException(
          "workflow '"
              + name
              + "' version '"
              + version
              + "' has a different structure than when it was registered, and "
              + running
              + " instance(s) of that version are still running. Register the changed net under"
              + " a new version (Builder.workflow(\""
              + name
              + "\").version(\"...\")) and keep the old definition registered until they end");
    }
    log.warn(
        "workflow '{}' version '{}' changed structure; no instance of it is running, so the new"
            + " structure replaces the old one",
        name,
        version);
    try (PreparedStatement ps =
        c.prepareStatement(
            "update tq_definition set structure_hash = ?, registered_at = ?"
                + " where name = ? and version = ?")) {
      Params.bindAll(ps, hash, now, name, version);
      ps.executeUpdate();
    }
  }

  private static Optional<String> storedHash(Connection c, String name, String version)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select structure_hash from tq_definition where name = ? and version = ?")) {
      Params.bindAll(ps, name, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static long runningInstances(Connection c, String name, String version)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select count(*) from tq_workflow where definition_name = ? and definition_version = ?"
                + " and parent_workflow_id is null and state in ('initialized', 'started')")) {
      Params.bindAll(ps, name, version);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
