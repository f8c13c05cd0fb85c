package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command that fails prints one line, "error: ...", and nothing else, on any of the process's
 * streams (libraries that print to System.out or System.err directly included); {@code --verbose}
 * adds the stack trace.
 */
class ErrorOutputTest extends CliTest {
  /** A database H2 cannot create: its directory cannot be made. */
  private static final String UNUSABLE = "jdbc:h2:file:/proc/nope/x";

  /** Every command that opens a database, given the unusable one. */
  static Stream<List<String>> commands() {
    return Stream.of(
        List.of("demo", "billing", "--customers", "5", "--db", UNUSABLE),
        List.of("demo", "billing", "--customers", "5", "--mode", "jobs", "--db", UNUSABLE),
        List.of("demo", "campaign", "--recipients", "5", "--db", UNUSABLE),
        List.of("demo", "er", "--patients", "2", "--db", UNUSABLE),
        List.of("graph", "billing", "--db", UNUSABLE, "--instance", UUID.randomUUID().toString()),
        List.of("worker", "--db", UNUSABLE),
        List.of("stress", "crash", "--customers", "5", "--db", UNUSABLE + ";AUTO_SERVER=TRUE"));
  }

  /** What a run printed on every stream: the command's writers and the process's own. */
  private record Printed(int exitCode, String all) {
    List<String> lines() {
      return all.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private static Printed runCapturingProcessStreams(List<String> args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream process = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(process, true, StandardCharsets.UTF_8);
    Run r;
    try {
      System.setOut(capture);
      System.setErr(capture);
      r = run(args.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Printed(r.exitCode(), process.toString(StandardCharsets.UTF_8) + r.out() + r.err());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void unusableDatabaseIsOneErrorLine(List<String> args) {
    Printed p = runCapturingProcessStreams(args);

    assertThat(p.exitCode()).as(p.all()).isEqualTo(1);
    assertThat(p.lines())
        .as(p.all())
        .singleElement()
        .asString()
        .startsWith("error: cannot connect to the database jdbc:h2:file:/proc/nope/x")
        .contains("/proc/nope");
  }

  /** Two of the commands: the option and the handler are the same for all. */
  static Stream<List<String>> someCommands() {
    return commands().filter(c -> c.get(0).equals("worker") || c.get(0).equals("graph"));
  }

  @ParameterizedTest
  @MethodSource("someCommands")
  void verboseAddsTheStackTrace(List<String> args) {
    List<String> verbose = new ArrayList<>(args);
    verbose.add("--verbose");
    Printed p = runCapturingProcessStreams(verbose);

    assertThat(p.exitCode()).as(p.all()).isEqualTo(1);
    assertThat(p.lines().get(0)).startsWith("error: cannot connect to the database");
    assertThat(p.all()).contains("\tat dev.tasquencer.cli.").contains("Caused by: ");
  }
}
