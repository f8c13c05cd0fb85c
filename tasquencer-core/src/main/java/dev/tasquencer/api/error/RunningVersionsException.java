package dev.tasquencer.api.error;

import java.util.List;

/**
 * The engine would not start: root workflows are still running (initialized or started) on a
 * version that is not registered, or that is registered with another structure than the one they
 * started with. {@link #versions()} lists each such version with its count of running roots.
 *
 * <p>What to do: register the old definition next to the new one (under its old version name, so
 * that its roots finish on it), or end those roots (cancel them, or migrate them once migrations
 * exist), or start the engine with {@code TasquencerBuilder.allowUnregisteredRunningVersions()},
 * which logs the same report as a warning (for engines that only read, for example). See {@code
 * docs/versioning.md}.
 */
public class RunningVersionsException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  /** Why a version with running roots is reported. */
  public enum Problem {
    /** No definition of that name and version is registered with the engine. */
    NOT_REGISTERED,
    /** The registered definition's structure differs from the one the roots started with. */
    STRUCTURE_CHANGED
  }

  /**
   * One version with running roots that the engine cannot run as they started.
   *
   * @param workflow the workflow (definition) name
   * @param version the version name
   * @param runningRoots how many root workflows of it are initialized or started
   * @param problem why it is reported
   */
  public record RunningVersion(
      String workflow, String version, long runningRoots, Problem problem) {}

  private final List<RunningVersion> versions;

  public RunningVersionsException(List<RunningVersion> versions) {
    super(report(versions));
    this.versions = List.copyOf(versions);
  }

  /** The versions reported, ordered by workflow name and version. */
  public List<RunningVersion> versions() {
    return versions;
  }

  /** The report: one line per version with its count, and what to do. */
  public static String report(List<RunningVersion> versions) {
    StringBuilder sb =
        new StringBuilder("root workflows are running on versions this engine cannot run:");
    for (RunningVersion v : versions) {
      sb.append("\n  workflow '")
          .append(v.workflow())
          .append("' version '")
          .append(v.version())
          .append("': ")
          .append(v.runningRoots())
          .append(" running root(s), ")
          .append(
              v.problem() == Problem.NOT_REGISTERED
                  ? "version not registered"
                  : "registered with a different structure than they started with");
    }
    sb.append(
        "\nRegister the old definition next to the new one (the changed net under a new version"
            + " name), or cancel (or migrate) those roots; to start anyway, build the engine with"
            + " allowUnregisteredRunningVersions() (only for engines that do not touch them)");
    return sb.toString();
  }

  @Override
  public String code() {
    return "RUNNING_VERSIONS_NOT_REGISTERED";
  }
}
