package dev.tasquencer.examples.billing;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.api.incident.Incident;
import dev.tasquencer.api.incident.IncidentFilter;
import dev.tasquencer.api.incident.IncidentList;
import dev.tasquencer.api.incident.IncidentPage;
import dev.tasquencer.api.incident.IncidentState;
import dev.tasquencer.api.incident.Incidents;
import dev.tasquencer.examples.support.Jdbc;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The parts of a jobs-mode billing run that do not depend on where the workers run: seeding the
 * customers and starting the workflow ({@link #start}), and reading the jobs of a run back ({@link
 * #jobCounts}). Who runs the jobs (a worker in this process, worker processes) is up to the caller;
 * the run is over when the workflow is final, and {@link BillingReport#read} reads its outcome.
 */
public final class BillingJobsDemo {
  private BillingJobsDemo() {}

  /** A started run: its workflow, the balances before it, and how long the start call took. */
  public record Started(UUID workflowId, BillingReport.Due before, long initializeMs) {}

  /** An engine with the jobs-mode billing workflow, on {@code dataSource}. */
  public static Tasquencer engine(DataSource dataSource) {
    return Tasquencer.builder().dataSource(dataSource).register(BillingJobs.definition()).build();
  }

  /**
   * Creates the billing tables if needed and cancels the runs that did not finish ({@link
   * #cancelUnfinishedRuns}). Call it before starting workers for a new run, so that no worker picks
   * up a job of an abandoned run. Returns how many runs were canceled.
   */
  public static int prepare(DataSource dataSource, Tasquencer engine) {
    BillingSchema.create(dataSource);
    return cancelUnfinishedRuns(dataSource, engine);
  }

  /**
   * {@link #prepare}s the database (nothing left to do when the caller did), replaces the customers
   * (as {@link BillingDemo#run} does) and starts the jobs-mode workflow. The start call creates one
   * work item and one job per customer with a balance, and returns; no invoice exists yet.
   */
  public static Started start(
      DataSource dataSource, Tasquencer engine, BillingDemo.Options options) {
    prepare(dataSource, engine);
    // the simulated outage (--permanent-failure-rate) lasts until repairAndRetry
    new InvoicingServiceStatus(dataSource).breakDown();
    BillingReport.Due before = BillingDemo.replaceCustomers(dataSource, options);
    long t0 = System.nanoTime();
    UUID id =
        engine.initializeRootWorkflow(BillingJobs.NAME, new StartBillingRun(options.period()));
    return new Started(id, before, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Cancels the jobs-mode runs that did not finish (a demo stopped half-way): canceling a run
   * cancels its work items and with them their pending jobs, so no worker picks them up after the
   * demo replaced the customers they were meant for. Returns how many runs were canceled.
   */
  public static int cancelUnfinishedRuns(DataSource dataSource, Tasquencer engine) {
    List<UUID> unfinished =
        Jdbc.inTransaction(
            dataSource,
            db ->
                db.query(
                    "select id from tq_workflow where definition_name = ?"
                        + " and parent_workflow_id is null and state in ('initialized', 'started')",
                    rs -> rs.getObject(1, UUID.class),
                    BillingJobs.NAME));
    int canceled = 0;
    for (UUID id : unfinished) {
      try {
        engine.internal().cancelWorkflow(id);
        canceled++;
      } catch (InvalidStateTransitionException finishedMeanwhile) {
        // it ended on its own
      }
    }
    return canceled;
  }

  /**
   * The jobs of a run by state, and how many of them were claimed more than once ({@code
   * reclaimed}: their worker died or their lease expired). Read from the engine's {@code tq_job}
   * table, whose {@code root_id} is the run's workflow.
   */
  public record JobCounts(
      long pending, long running, long done, long dead, long canceled, long reclaimed) {
    public long total() {
      return pending + running + done + dead + canceled;
    }
  }

  public static JobCounts jobCounts(DataSource dataSource, UUID workflowId) {
    return Jdbc.inTransaction(
        dataSource,
        db -> {
          Map<JobState, Long> byState = new EnumMap<>(JobState.class);
          db.query(
                  "select state, count(*) from tq_job where root_id = ? group by state",
                  rs ->
                      Map.entry(
                          JobState.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                          rs.getLong(2)),
                  workflowId)
              .forEach(e -> byState.put(e.getKey(), e.getValue()));
          long reclaimed =
              db.queryLong(
                  "select count(*) from tq_job where root_id = ? and attempts > 1", workflowId);
          return new JobCounts(
              byState.getOrDefault(JobState.PENDING, 0L),
              byState.getOrDefault(JobState.RUNNING, 0L),
              byState.getOrDefault(JobState.DONE, 0L),
              byState.getOrDefault(JobState.DEAD, 0L),
              byState.getOrDefault(JobState.CANCELED, 0L),
              reclaimed);
        });
  }

  /**
   * The incidents of a run: how many were opened (each a job parked on its work item) and how many
   * of them are open now.
   */
  public record IncidentCounts(long opened, long open) {}

  /** Reads the incidents of the run of {@code workflowId} through the operator API. */
  public static IncidentCounts incidents(Tasquencer engine, UUID workflowId) {
    long opened = 0;
    long open = 0;
    for (Incident i : incidentsOf(engine, IncidentFilter.ALL.withRootId(workflowId))) {
      opened++;
      if (i.state() == IncidentState.OPEN) {
        open++;
      }
    }
    return new IncidentCounts(opened, open);
  }

  /**
   * How many attempts of the run's jobs failed and were tried again: by their retry policy (every
   * attempt of a job but its last), by a lease that expired, or by an operator's retry of an
   * incident (every attempt the parked job had made).
   */
  public static long retries(DataSource dataSource, UUID workflowId) {
    return Jdbc.inTransaction(
        dataSource,
        db ->
            db.queryLong(
                    "select coalesce(sum(attempts - 1), 0) from tq_job"
                        + " where root_id = ? and attempts > 1",
                    workflowId)
                + db.queryLong(
                    "select coalesce(sum(attempts), 0) from tq_incident"
                        + " where root_id = ? and resolution = 'retried'",
                    workflowId));
  }

  /**
   * What an operator does after an outage: repairs the invoicing service, then retries every open
   * incident of the run as {@code operator} (each job becomes due again with its attempts reset;
   * each incident resolves when its job succeeds). Returns how many incidents were retried.
   */
  public static int repairAndRetry(
      DataSource dataSource, Tasquencer engine, UUID workflowId, Actor operator) {
    new InvoicingServiceStatus(dataSource).repair();
    Incidents incidents = engine.incidents().as(operator);
    int retried = 0;
    for (Incident i : incidentsOf(engine, IncidentFilter.OPEN.withRootId(workflowId))) {
      incidents.retry(i.id());
      retried++;
    }
    return retried;
  }

  /** Every incident that matches {@code filter}, page by page. */
  private static List<Incident> incidentsOf(Tasquencer engine, IncidentFilter filter) {
    List<Incident> all = new ArrayList<>();
    IncidentPage page = IncidentPage.first(1000);
    while (page != null) {
      IncidentList list = engine.incidents().list(filter, page);
      all.addAll(list.incidents());
      page = list.next();
    }
    return all;
  }
}
