package dev.tasquencer.internal.store;

import dev.tasquencer.api.error.RunningVersionsException.Problem;
import dev.tasquencer.api.error.RunningVersionsException.RunningVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the structure hash of every registered definition, and reports the versions whose running
 * roots the engine cannot run: not registered, or registered with another structure than the one
 * they started with (docs/versioning.md).
 */
public final class DefinitionStore {
  private static final Logger log = LoggerFactory.getLogger(DefinitionStore.class);

  private DefinitionStore() {}

  /** A registered definition: its name, version and structure hash. */
  public record Registered(String name, String version, String hash) {}

  private record Key(String name, String version) {}

  /**
   * Compares the registered definitions with the stored hashes and the running roots, in two
   * statements (the stored hashes; the running roots counted per version), and records the hashes:
   * a new version's is inserted; a changed one replaces the stored one only when no root of that
   * version is running (otherwise the stored hash stays, so that the next start reports it again).
   *
   * @return the versions with running roots that are not registered or whose structure changed,
   *     ordered by name and version; empty when all is well. The caller decides whether to fail.
   */
  public static List<RunningVersion> record(Connection c, List<Registered> defs, Instant now)
      throws SQLException {
    Map<Key, String> stored = storedHashes(c);
    Map<Key, Long> running = runningRoots(c);
    Map<Key, Registered> registered = new HashMap<>();
    for (Registered d : defs) {
      registered.put(new Key(d.name(), d.version()), d);
    }
    Set<String> names = new HashSet<>();
    for (Registered d : defs) {
      names.add(d.name());
    }
    List<RunningVersion> report = new ArrayList<>();
    Map<String, Long> others = new TreeMap<>();
    running.forEach(
        (k, count) -> {
          Registered d = registered.get(k);
          String hash = stored.get(k);
          if (d == null && !names.contains(k.name())) {
            // a workflow this engine does not run at all: another application's, on a shared
            // database; its own engines check it
            others.merge(k.name(), count, Long::sum);
          } else if (d == null) {
            report.add(new RunningVersion(k.name(), k.version(), count, Problem.NOT_REGISTERED));
          } else if (hash != null && !hash.equals(d.hash())) {
            report.add(new RunningVersion(k.name(), k.version(), count, Problem.STRUCTURE_CHANGED));
          }
        });
    report.sort(
        Comparator.comparing(RunningVersion::workflow).thenComparing(RunningVersion::version));
    if (!others.isEmpty()) {
      log.info(
          "running roots of workflows this engine does not register (left to the engines that"
              + " do): {}",
          others);
    }
    for (Registered d : defs) {
      Key k = new Key(d.name(), d.version());
      String hash = stored.get(k);
      if (hash == null) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "insert into tq_definition (name, version, structure_hash, registered_at)"
                    + " values (?,?,?,?)")) {
          Params.bindAll(ps, d.name(), d.version(), d.hash(), now);
          ps.executeUpdate();
        }
      } else if (!hash.equals(d.hash()) && !running.containsKey(k)) {
        log.warn(
            "workflow '{}' version '{}' changed structure; no root of it is running, so the new"
                + " structure replaces the old one",
            d.name(),
            d.version());
        try (PreparedStatement ps =
            c.prepareStatement(
                "update tq_definition set structure_hash = ?, registered_at = ?"
                    + " where name = ? and version = ?")) {
          Params.bindAll(ps, d.hash(), now, d.name(), d.version());
          ps.executeUpdate();
        }
      }
    }
    return report;
  }

  private static Map<Key, String> storedHashes(Connection c) throws SQLException {
    Map<Key, String> out = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement("select name, version, structure_hash from tq_definition");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(new Key(rs.getString(1), rs.getString(2)), rs.getString(3));
      }
    }
    return out;
  }

  /** Running (initialized or started) roots per definition name and version, in one statement. */
  private static Map<Key, Long> runningRoots(Connection c) throws SQLException {
    Map<Key, Long> out = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "select definition_name, definition_version, count(*) from tq_workflow"
                    + " where parent_workflow_id is null and state in ('initialized', 'started')"
                    + " group by definition_name, definition_version");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(new Key(rs.getString(1), rs.getString(2)), rs.getLong(3));
      }
    }
    return out;
  }
}
