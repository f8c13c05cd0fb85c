package dev.tasquencer.cli;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ExternalCommands;
import dev.tasquencer.api.WorkflowCommands;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tasquencer suspend|resume WORKFLOW_ID --db URL}: suspends or resumes a root workflow's
 * tree (docs/suspend.md), as an external call on behalf of {@code --actor} (default {@code
 * system:cli}). The engine's errors (a child's id, a final or not suspended workflow) exit 1 with
 * their message.
 */
final class SuspensionCommands {
  private SuspensionCommands() {}

  /** What both commands share: the root, the database and the actor. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin InstanceOptions instance;

    @Option(
        names = "--actor",
        paramLabel = "USER",
        description = "The user recorded in history with the call (default: system actor cli).")
    @Nullable String actor;

    @Option(
        names = "--idempotency-key",
        paramLabel = "KEY",
        description =
            "Makes the call idempotent (docs/idempotency.md): a repeat with the same key and"
                + " arguments returns the first outcome without acting again.")
    @Nullable String idempotencyKey;

    abstract String act(WorkflowCommands commands);

    @Override
    public Integer call() {
      try (InstanceReader reader = instance.open(spec)) {
        Actor by = actor == null ? Actor.system("cli") : Actor.user(actor);
        ExternalCommands commands = reader.plain().as(by);
        String done = act(idempotencyKey == null ? commands : commands.idempotent(idempotencyKey));
        PrintWriter out = spec.commandLine().getOut();
        out.println(done + " workflow " + instance.workflowId + " on " + reader.description());
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "suspend",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Suspends a root workflow and its whole tree: external commands on it are refused and job"
            + " workers do not run its jobs and deadlines (they stay due) until resume."
      })
  static final class Suspend extends Base {
    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        description = "Why, recorded in history and shown to refused callers.")
    @Nullable String reason;

    @Override
    String act(WorkflowCommands commands) {
      commands.suspendWorkflow(instance.workflowId, reason);
      return "suspended";
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Resumes a suspended root workflow's tree: commands are accepted again, and the jobs and"
            + " deadlines that became due meanwhile run at the workers' next poll."
      })
  static final class Resume extends Base {
    @Override
    String act(WorkflowCommands commands) {
      commands.resumeWorkflow(instance.workflowId);
      return "resumed";
    }
  }
}
