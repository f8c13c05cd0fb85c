package dev.tasquencer.api.error;

import org.jspecify.annotations.Nullable;

/**
 * A new root workflow was asked for under a version the engine deprecated ({@code
 * TasquencerBuilder.deprecate(name, version)}): deprecated versions take no new roots, while the
 * roots already running on them continue. Nothing was created. See {@code docs/versioning.md}.
 */
public class WorkflowVersionDeprecatedException extends ConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String workflow;
  private final String version;
  private final @Nullable String useVersion;

  public WorkflowVersionDeprecatedException(
      String workflow, String version, @Nullable String useVersion) {
    super(
        "workflow '"
            + workflow
            + "' version '"
            + version
            + "' is deprecated and takes no new root workflows; "
            + (useVersion == null
                ? "every registered version of it is deprecated: register a new version"
                : "start new roots on version '" + useVersion + "'"));
    this.workflow = workflow;
    this.version = version;
    this.useVersion = useVersion;
  }

  /** The workflow (definition) name. */
  public String workflow() {
    return workflow;
  }

  /** The deprecated version that was asked for. */
  public String version() {
    return version;
  }

  /**
   * The version new roots of this workflow go to by default (the newest registered version that is
   * not deprecated), or null when every registered version is deprecated.
   */
  public @Nullable String useVersion() {
    return useVersion;
  }

  @Override
  public String code() {
    return "WORKFLOW_VERSION_DEPRECATED";
  }
}
