package dev.tasquencer.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code tasquencer} command line.
 *
 * <pre>
 * tasquencer demo billing --customers 2000 [--seed S] [--failure-rate R] [--db URL] [--json]
 * tasquencer demo campaign --recipients 1000 [--failure-rate R] [--seed S] [--db URL] [--json]
 * tasquencer demo er --patients 200 [--seed S] [--teams K] [--db URL] [--json]
 * tasquencer graph billing|campaign|er[/TASK/CHILD] [--format dot|mermaid] [--db URL] [--instance UUID]
 * tasquencer graph --class FQCN[#METHOD] [--classpath PATH] [ROOT/TASK/CHILD] [...]
 * tasquencer history WORKFLOW_ID --db URL [--json] [--element KIND] [--since T] [--actor K:ID] [...]
 * tasquencer state WORKFLOW_ID --db URL [--at SEQ|INSTANT] [--format text|json|dot|mermaid]
 * tasquencer instances --db URL [--workflow W] [--version V] [--state S] [--business-key K]
 *     [--stuck PT1H] [--incidents] [--suspended] [--limit N] [--after CURSOR] [--json]
 * tasquencer suspend WORKFLOW_ID --db URL [--reason R] [--actor USER]
 * tasquencer resume WORKFLOW_ID --db URL [--actor USER]
 * tasquencer worker --db URL [--threads N] [...]
 * tasquencer stress crash --customers N --db URL [...]
 * tasquencer bench (run by the script from the benchmark module's own jar)
 * </pre>
 *
 * Exit codes: 0 when the command ran (a demo workflow that failed by design included), 1 on errors
 * (database unreachable...), 2 on invalid arguments. An error is one line on stderr; {@code
 * --verbose} (accepted by every command) adds its stack trace.
 */
@Command(
    name = "tasquencer",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Tasquencer for Java: a durable workflow engine with all state in SQL.",
    subcommands = {
      DemoCommand.class,
      GraphCommand.class,
      HistoryCommand.class,
      StateCommand.class,
      InstancesCommand.class,
      SuspensionCommands.Suspend.class,
      SuspensionCommands.Resume.class,
      IncidentsCommand.class,
      WorkerCommand.class,
      StressCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On an error, print its stack trace after the one-line message.")
  boolean verbose;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command (try: demo billing, or graph billing)");
  }

  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
            new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cli = new CommandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + Errors.describe(e));
          if (main.verbose) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return 1;
        });
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          CommandLine c = e.getCommandLine();
          c.getErr().println("error: " + e.getMessage());
          c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
          c.getErr().flush();
          return c.getCommandSpec().exitCodeOnInvalidInput();
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
