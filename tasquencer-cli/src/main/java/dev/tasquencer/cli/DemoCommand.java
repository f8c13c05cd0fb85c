package dev.tasquencer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tasquencer demo ...}: the example workflows, end to end on a database. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs an example workflow end to end and checks the outcome in the database.",
    subcommands = {
      BillingCommand.class,
      CampaignCommand.class,
      ErCommand.class,
      ApprovalsCommand.class
    })
final class DemoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command: billing, campaign, er or approvals");
  }
}
