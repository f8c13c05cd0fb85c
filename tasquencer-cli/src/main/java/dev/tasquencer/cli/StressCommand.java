package dev.tasquencer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tasquencer stress ...}: runs that put the engine under adverse conditions. */
@Command(
    name = "stress",
    mixinStandardHelpOptions = true,
    description = "Runs the engine under adverse conditions and checks that nothing was lost.",
    subcommands = {CrashCommand.class})
final class StressCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: crash");
  }
}
