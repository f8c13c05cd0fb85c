package dev.tasquencer.examples.approvals;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.examples.approvals.ExpensePayloads.NewClaim;
import dev.tasquencer.examples.support.Jdbc;
import dev.tasquencer.jobs.JobWorker;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The approvals demo on a database: creates the office's tables if needed, starts a run (each run
 * has claims of its own, so earlier runs in the same database do not interfere), draws {@code
 * requests} expense claims from {@code seed}, lets the simulated office work them to their end on a
 * manual clock (see {@link Office}), and reads the outcome back ({@link ApprovalsReport}).
 */
public final class ApprovalsDemo {
  private ApprovalsDemo() {}

  /**
   * How a run is set up.
   *
   * @param requests how many expense claims are submitted
   * @param seed seed of the claims and of the staff's decisions
   */
  public record Options(int requests, long seed) {
    public Options {
      if (requests < 0) {
        throw new IllegalArgumentException("requests must be 0 or more, was " + requests);
      }
    }
  }

  public static ApprovalsReport run(
      DataSource dataSource, Options options, ApprovalsProgress progress) {
    ApprovalsSchema.create(dataSource);
    ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    Instant startedAt = clock.instant();
    long runId = Jdbc.inTransaction(dataSource, db -> ExpenseDomain.startRun(db, startedAt));
    try (Tasquencer engine =
            Tasquencer.builder()
                .dataSource(dataSource)
                .clock(clock)
                .identity(Staff.identity())
                .register(ExpenseWorkflow.definition())
                .build();
        JobWorker deadlines = engine.jobWorker().build()) {
      Staff.enroll(engine);
      Office office = new Office(engine, dataSource, clock, deadlines, options.seed(), runId);
      long started = System.nanoTime();
      Map<Integer, UUID> roots = office.run(claims(options, runId), progress);
      long durationMs = (System.nanoTime() - started) / 1_000_000;
      return ApprovalsReport.read(
          dataSource, engine.queries(), office, roots, startedAt, durationMs);
    }
  }

  /**
   * The claims of a run, drawn from the seed: a fifth are small (approved without review), half
   * medium, the rest large (most of them need finance's second approval); 1 to 4 line items each.
   */
  static List<NewClaim> claims(Options options, long runId) {
    List<String> requesters = new ArrayList<>();
    Staff.DEPARTMENTS.forEach(d -> requesters.addAll(Staff.requesters(d)));
    SplittableRandom random = new SplittableRandom(options.seed());
    List<NewClaim> claims = new ArrayList<>();
    for (int n = 1; n <= options.requests(); n++) {
      String requester = requesters.get(random.nextInt(requesters.size()));
      String department =
          Staff.DEPARTMENTS.stream()
              .filter(d -> Staff.requesters(d).contains(requester))
              .findFirst()
              .orElseThrow();
      double size = random.nextDouble();
      List<Long> lines = new ArrayList<>();
      if (size < 0.2) {
        lines.add(random.nextLong(10_00, ExpenseDomain.AUTO_LIMIT));
      } else {
        long low = size < 0.7 ? 40_00 : 250_00;
        long high = size < 0.7 ? 250_00 : 900_00;
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
          lines.add(random.nextLong(low, high));
        }
      }
      claims.add(new NewClaim(runId, n, requester, department, lines));
    }
    return claims;
  }
}
