package dev.tasquencer.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code tasquencer bench}: listed here so that the help shows it. The {@code tasquencer} script
 * runs it from the benchmark module's own jar, which carries Flowable and Camunda; this jar must
 * not, so called here the command only says where the benchmarks are.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks against Flowable, Camunda 7 and plain JDBC, from the benchmark module's own"
          + " jar, which the script starts: ./tasquencer bench [--quick] [--json].",
      "The script (tasquencer, at the root of the repository) builds"
          + " tasquencer-bench/target/tasquencer-bench.jar on first use and runs it, so that"
          + " Flowable and Camunda never reach this jar. 'tasquencer bench --quick' takes a few"
          + " minutes, 'tasquencer bench --json > run.json' is the full run, and 'tasquencer bench"
          + " --help' lists its options."
    })
final class BenchCommand implements Callable<Integer> {
  /** Whatever was given: the options belong to the benchmark jar. */
  @Unmatched List<String> arguments;

  @Override
  public Integer call() {
    throw new CliException(
        "the benchmarks are not in this jar: run ./tasquencer bench from the repository (it"
            + " builds and runs tasquencer-bench/target/tasquencer-bench.jar), or java -jar"
            + " tasquencer-bench/target/tasquencer-bench.jar after mvn -DskipTests package -pl"
            + " tasquencer-bench -am");
  }
}
