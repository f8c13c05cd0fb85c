package dev.tasquencer.examples.er;

import dev.tasquencer.DataSources;

/**
 * Runs a simulated ER shift on an embedded in-memory H2 database and prints the outcome.
 *
 * <pre>
 * java -cp ... dev.tasquencer.examples.er.ErMain [patients] [seed]
 * </pre>
 *
 * (or simply {@code ./tasquencer demo er --patients 50} from the repository root).
 */
public final class ErMain {
  private ErMain() {}

  public static void main(String[] args) {
    int patients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    try (var dataSource = DataSources.h2Memory("er-example")) {
      ErReport r = ErDemo.run(dataSource, new ErDemo.Options(patients, seed), ErProgress.NONE);
      System.out.printf(
          "ER shift %s: %d patients in %d ms (%d engine commands)%n",
          r.shiftId(), r.patients(), r.durationMs(), r.engineCalls());
      System.out.printf("  journeys by final state: %s%n", r.finalStates());
      System.out.printf("  patients by status:      %s%n", r.patientStatuses());
      System.out.printf("  %s%n", r.counts());
      System.out.printf("  %s%n", r.staff());
      r.tasks().forEach((task, events) -> System.out.printf("  %-26s %s%n", task, events));
      System.out.printf("  consistent: %s %s%n", r.consistent(), r.violations());
    }
  }
}
