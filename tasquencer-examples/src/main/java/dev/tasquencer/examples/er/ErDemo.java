package dev.tasquencer.examples.er;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.examples.support.Jdbc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A simulated ER shift on a database: creates the tables if needed, opens a new shift, lets {@code
 * patients} patients arrive (their plans drawn from {@code seed}) and the simulated staff work
 * until every journey has ended (see {@link StaffSimulation#runShift}), then reads the outcome
 * back. The engine knows the ER's scopes and roles ({@link Role#declareAll}, applied at every
 * start) and the staff users ({@link StaffSimulation#hire}, one of each role per team). Every run
 * is a shift of its own, so earlier runs in the same database do not interfere.
 */
public final class ErDemo {
  private ErDemo() {}

  /** Teams of staff working in parallel by default. */
  public static final int DEFAULT_TEAMS = 2;

  /**
   * How a run is set up.
   *
   * @param patients how many patients arrive
   * @param seed seed of the staff's decisions
   * @param teams teams of staff working in parallel (changes the timing, not the outcome)
   */
  public record Options(int patients, long seed, int teams) {
    public Options {
      if (patients < 0) {
        throw new IllegalArgumentException("patients must be 0 or more, was " + patients);
      }
      if (teams < 1) {
        throw new IllegalArgumentException("teams must be 1 or more, was " + teams);
      }
    }

    public Options(int patients, long seed) {
      this(patients, seed, DEFAULT_TEAMS);
    }
  }

  public static ErReport run(DataSource dataSource, Options options, ErProgress progress) {
    List<PatientPlan> plans = new ArrayList<>();
    for (int i = 1; i <= options.patients(); i++) {
      plans.add(PatientPlan.draw(options.seed(), i));
    }
    return run(dataSource, plans, options.teams(), progress);
  }

  /** A shift with the given patients. */
  public static ErReport run(
      DataSource dataSource, List<PatientPlan> plans, int teams, ErProgress progress) {
    ErSchema.create(dataSource);
    ErDomain domain = Jdbc.inTransaction(dataSource, db -> ErDomain.openShift(db, Instant.now()));
    try (Tasquencer engine =
        Tasquencer.builder()
            .dataSource(dataSource)
            .identity(Role::declareAll)
            .register(ErWorkflow.definition(domain))
            .build()) {
      StaffSimulation staff = new StaffSimulation(engine, domain).hire(teams);
      long started = System.nanoTime();
      staff.runShift(plans, teams, progress);
      long durationMs = (System.nanoTime() - started) / 1_000_000;
      return ErReport.read(
          dataSource,
          engine.queries(),
          domain.shiftId(),
          durationMs,
          staff.commands(),
          staff.counts());
    }
  }
}
