package dev.tasquencer.cli;

import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What the commands that read a stored instance ({@code history}, {@code state}) share: the
 * workflow and the database it ran on. A picocli mixin.
 */
final class InstanceOptions {

  @Parameters(
      index = "0",
      paramLabel = "WORKFLOW_ID",
      description = "The workflow instance (a root or any child workflow).")
  UUID workflowId;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "JDBC_URL",
      description = "The database the instance ran on (H2 or PostgreSQL).")
  String db;

  /**
   * Checks {@code --db} and opens it for reading ({@code spec} is the command's, for the usage
   * error).
   */
  InstanceReader open(CommandSpec spec) {
    DemoDatabase.checkUrl(spec, db);
    return InstanceReader.open(db);
  }
}
