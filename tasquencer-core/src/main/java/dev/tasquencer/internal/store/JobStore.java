package dev.tasquencer.internal.store;

import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.JobSnapshot;
import dev.tasquencer.api.JobState;
import dev.tasquencer.internal.lifecycle.JobEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The statements of job workers on {@code tq_job}: claim due jobs with {@code FOR UPDATE SKIP
 * LOCKED} (so concurrent workers never claim the same row), finish, fail with backoff, park as
 * dead, renew leases, and read jobs. They throw {@link SQLException}; callers translate it with
 * {@link SqlFailures#run}.
 */
public final class JobStore {
  private static final String COLUMNS = JobTable.COLUMNS.list();

  private JobStore() {}

  private static JobSnapshot read(ResultSet rs) throws SQLException {
    return new JobSnapshot(
        Params.uuid(rs, "id"),
        Params.uuid(rs, "root_id"),
        ownerKind(rs.getString("owner_kind")),
        Params.uuid(rs, "owner_id"),
        rs.getString("owner_task"),
        Params.nullableInt(rs, "owner_generation"),
        rs.getString("handler"),
        rs.getString("payload"),
        Params.instant(rs, "run_at"),
        JobState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
        rs.getInt("attempts"),
        rs.getInt("max_attempts"),
        rs.getString("last_error"),
        rs.getString("locked_by"),
        Params.nullableInstant(rs, "locked_until"),
        Params.instant(rs, "created_at"),
        Params.instant(rs, "updated_at"),
        rs.getString("trace_context"));
  }

  private static @Nullable JobOwnerKind ownerKind(@Nullable String id) {
    return id == null ? null : JobOwnerKind.valueOf(id.toUpperCase(Locale.ROOT));
  }

  /**
   * A prepared statement from the engine's per-connection {@link StatementCache} (so H2 does not
   * parse the worker's statements again for every job); the cache owns it: do not close it.
   */
  private static PreparedStatement prepare(Connection c, String sql) throws SQLException {
    return StatementCache.get(StatementCache.physical(c), sql);
  }

  private static List<JobSnapshot> list(Connection c, String sql, @Nullable Object... params)
      throws SQLException {
    PreparedStatement ps = prepare(c, sql);
    Params.bindAll(ps, params);
    try (ResultSet rs = ps.executeQuery()) {
      List<JobSnapshot> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    }
  }

  /**
   * Leaves out the jobs of suspended trees (docs/suspend.md): they stay due, unclaimed. One probe
   * of the root's primary key per candidate row; a job without root (the retention job) passes.
   */
  private static final String NOT_SUSPENDED =
      " and not exists (select 1 from tq_workflow s where s.id = tq_job.root_id and s.suspended)";

  /**
   * Claims up to {@code limit} jobs that are due (pending and run_at reached) or whose lease
   * expired (running, locked_until passed: their worker died), in the caller's transaction: they
   * become running, locked by {@code worker} until {@code leaseUntil}, with one more attempt.
   */
  public static List<JobSnapshot> claimDue(
      Connection c, String worker, Instant now, Instant leaseUntil, int limit) throws SQLException {
    // Two statements, not one with OR: each is an index range scan that stops after `limit`
    // rows; an OR of both made PostgreSQL fetch and sort every pending job on every claim.
    // Jobs of dead workers (lease expired) first: they have waited longest.
    List<JobSnapshot> due =
        new ArrayList<>(
            list(
                c,
                "select "
                    + COLUMNS
                    + " from tq_job where "
                    + JobTransitions.from(JobEvent.RECLAIM)
                    + " and locked_until < ?"
                    + NOT_SUSPENDED
                    + " order by locked_until fetch first "
                    + limit
                    + " rows only for update skip locked",
                now));
    if (due.size() < limit) {
      due.addAll(
          list(
              c,
              "select "
                  + COLUMNS
                  + " from tq_job where "
                  + JobTransitions.from(JobEvent.CLAIM)
                  + " and run_at <= ?"
                  + NOT_SUSPENDED
                  + " order by run_at fetch first "
                  + (limit - due.size())
                  + " rows only for update skip locked",
              now));
    }
    if (due.isEmpty()) {
      return due;
    }
    PreparedStatement ps =
        prepare(
            c,
            "update tq_job set state = "
                + JobTransitions.to(JobEvent.CLAIM)
                + ", locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ?"
                + " where id = ?");
    for (JobSnapshot j : due) {
      Params.bindAll(ps, worker, leaseUntil, now, j.id());
      ps.addBatch();
    }
    ps.executeBatch();
    List<JobSnapshot> claimed = new ArrayList<>();
    for (JobSnapshot j : due) {
      claimed.add(
          new JobSnapshot(
              j.id(),
              j.rootId(),
              j.ownerKind(),
              j.ownerId(),
              j.ownerTask(),
              j.ownerGeneration(),
              j.handler(),
              j.payloadJson(),
              j.runAt(),
              JobTransitions.apply(j.id(), j.state(), claim(j)),
              j.attempts() + 1,
              j.maxAttempts(),
              j.lastError(),
              worker,
              leaseUntil,
              j.createdAt(),
              now,
              j.traceContext()));
    }
    return claimed;
  }

  /** A due job is claimed; a running one (its lease expired) is claimed again. */
  private static JobEvent claim(JobSnapshot job) {
    return job.state() == JobState.RUNNING ? JobEvent.RECLAIM : JobEvent.CLAIM;
  }

  /** What a worker finds when it locks a job it claimed, in the transaction that runs it. */
  public enum Hold {
    /** Another worker holds the job now (this worker's lease expired). */
    LOST,
    /** This worker holds the job, but its owner has ended: the job must not run. */
    OWNER_ENDED,
    /** This worker holds the job and its owner is live. */
    READY
  }

  /**
   * Locks a claimed job row and tells, in one statement, whether this worker still holds it and
   * whether its owner is still live.
   */
  public static Hold lockHeld(Connection c, JobSnapshot job, String worker) throws SQLException {
    String sql =
        "select state, locked_by, " + ownerLive(job) + " from tq_job where id = ? for update";
    PreparedStatement ps = prepare(c, sql);
    int p = bindOwner(ps, 1, job);
    Params.bind(ps, p, job.id());
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()
          || !JobState.RUNNING.id().equals(rs.getString(1))
          || !worker.equals(rs.getString(2))) {
        return Hold.LOST;
      }
      return rs.getLong(3) > 0 ? Hold.READY : Hold.OWNER_ENDED;
    }
  }

  /** Whether the owner of a job can still use it (not finished, task generation still live). */
  public static boolean ownerActive(Connection c, JobSnapshot job) throws SQLException {
    if (job.ownerKind() == null) {
      return true;
    }
    PreparedStatement ps = prepare(c, "select " + ownerLive(job));
    bindOwner(ps, 1, job);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /** An expression that is 1 when the job's owner is live (or it has none), else 0. */
  private static String ownerLive(JobSnapshot job) {
    if (job.ownerKind() == null) {
      return "1";
    }
    return switch (job.ownerKind()) {
      case WORKFLOW ->
          "(select count(*) from tq_workflow where id = ?"
              + " and state in ('initialized', 'started'))";
      case TASK ->
          "(select count(*) from tq_task where workflow_id = ? and name = ?"
              + " and state in ('enabled', 'started') and generation = ?)";
      case WORK_ITEM ->
          "(select count(*) from tq_work_item where id = ?"
              + " and state in ('initialized', 'started'))";
    };
  }

  /** Binds the parameters of {@link #ownerLive} from {@code p}; returns the next index. */
  private static int bindOwner(PreparedStatement ps, int p, JobSnapshot job) throws SQLException {
    if (job.ownerKind() == null) {
      return p;
    }
    Params.bind(ps, p++, job.ownerId());
    if (job.ownerKind() == JobOwnerKind.TASK) {
      Params.bind(ps, p++, job.ownerTask());
      Params.bind(ps, p++, job.ownerGeneration());
    }
    return p;
  }

  /**
   * Ends a job this worker holds: {@code done} ({@link JobEvent#SUCCEED}), or {@code canceled} when
   * its owner ended meanwhile ({@link JobEvent#DISCARD}).
   */
  public static int finish(Connection c, UUID job, String worker, JobState state, Instant now)
      throws SQLException {
    JobEvent event =
        switch (state) {
          case DONE -> JobEvent.SUCCEED;
          case CANCELED -> JobEvent.DISCARD;
          default ->
              throw new IllegalArgumentException(
                  "a worker finishes a job as done or canceled, not " + state.id());
        };
    PreparedStatement ps =
        prepare(
            c,
            "update tq_job set state = "
                + JobTransitions.to(event)
                + ", locked_by = null, locked_until = null, updated_at = ? where id = ? and "
                + JobTransitions.from(event)
                + " and locked_by = ?");
    Params.bindAll(ps, now, job, worker);
    return ps.executeUpdate();
  }

  /**
   * Records a failed attempt of a job this worker holds: pending again at {@code retryAt}, or dead
   * when it has no attempts left. Returns the new state, or empty when the job was not held.
   */
  public static Optional<JobState> fail(
      Connection c,
      UUID job,
      String worker,
      String error,
      Instant retryAt,
      boolean dieNow,
      Instant now)
      throws SQLException {
    String dies = dieNow ? "1 = 1" : "attempts >= max_attempts";
    PreparedStatement ps =
        prepare(
            c,
            "update tq_job set state = case when "
                + dies
                + " then "
                + JobTransitions.to(JobEvent.DIE)
                + " else "
                + JobTransitions.to(JobEvent.RETRY)
                + " end, run_at = case when "
                + dies
                + " then run_at"
                + " else ? end, last_error = ?, locked_by = null, locked_until = null,"
                + " updated_at = ? where id = ? and "
                + JobTransitions.from(JobEvent.RETRY)
                + " and locked_by = ?");
    Params.bindAll(ps, retryAt, truncate(error), now, job, worker);
    if (ps.executeUpdate() == 0) {
      return Optional.empty();
    }
    return find(c, job).map(JobSnapshot::state);
  }

  /** The retry policy of a job ({@link RetryPolicyCodec}), empty when it has none. */
  public static Optional<String> retryPolicy(Connection c, UUID job) throws SQLException {
    PreparedStatement ps = prepare(c, "select retry_policy from tq_job where id = ?");
    Params.bindAll(ps, job);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
    }
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 20_000 ? s : s.substring(0, 20_000) + "...";
  }

  /** Extends the leases of the given running jobs of this worker. */
  public static void renewLeases(Connection c, List<UUID> jobs, String worker, Instant leaseUntil)
      throws SQLException {
    if (jobs.isEmpty()) {
      return;
    }
    PreparedStatement ps =
        prepare(
            c,
            "update tq_job set locked_until = ? where id = ? and state = "
                + "'"
                + JobState.RUNNING.id()
                + "' and locked_by = ?");
    for (UUID j : jobs) {
      Params.bindAll(ps, leaseUntil, j, worker);
      ps.addBatch();
    }
    ps.executeBatch();
  }

  /**
   * Ends a run of a recurring job this worker holds by making it pending again, due at {@code
   * runAt}, with fresh attempts. Returns 0 when the job was not held (canceled meanwhile, or taken
   * over by another worker).
   */
  public static int reschedule(Connection c, UUID job, String worker, Instant runAt, Instant now)
      throws SQLException {
    PreparedStatement ps =
        prepare(
            c,
            "update tq_job set state = 'pending', run_at = ?, attempts = 0, last_error = null,"
                + " locked_by = null, locked_until = null, updated_at = ?"
                + " where id = ? and state = 'running' and locked_by = ?");
    Params.bindAll(ps, runAt, now, job, worker);
    return ps.executeUpdate();
  }

  /**
   * Puts a recurring job without owner in place under a fixed id: inserted, due now, when there is
   * no such row; otherwise given {@code payload} and made pending and due now with fresh attempts,
   * unless a worker is running it (which then reschedules it as usual). Returns false when the row
   * was inserted by a concurrent transaction meanwhile (a unique violation): run it again.
   */
  public static boolean putRecurring(
      Connection c,
      Dialect dialect,
      UUID job,
      String handler,
      @Nullable String payload,
      int maxAttempts,
      Instant now)
      throws SQLException {
    String json = dialect.jsonParameter();
    PreparedStatement update =
        prepare(
            c,
            "update tq_job set handler = ?, payload = "
                + json
                + ", max_attempts = ?, updated_at = ?,"
                + " run_at = case when state = 'running' then run_at else ? end,"
                + " attempts = case when state = 'running' then attempts else 0 end,"
                + " last_error = case when state = 'running' then last_error else null end,"
                + " state = case when state = 'running' then state else 'pending' end"
                + " where id = ?");
    Params.bindAll(update, handler, payload, maxAttempts, now, now, job);
    if (update.executeUpdate() > 0) {
      return true;
    }
    PreparedStatement insert =
        prepare(
            c,
            "insert into tq_job (id, handler, payload, run_at, state, attempts, max_attempts,"
                + " created_at, updated_at) values (?, ?, "
                + json
                + ", ?, 'pending', 0, ?, ?, ?)");
    Params.bindAll(insert, job, handler, payload, now, maxAttempts, now, now);
    try {
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Dialect.hasSqlState(e, "23505")) { // unique violation: another engine inserted it
        return false;
      }
      throw e;
    }
  }

  /** Cancels a job unless it has ended (done or canceled); returns whether it was canceled. */
  public static boolean cancel(Connection c, UUID job, Instant now) throws SQLException {
    PreparedStatement ps =
        prepare(
            c,
            "update tq_job set state = 'canceled', locked_by = null, locked_until = null,"
                + " updated_at = ? where id = ? and state in ('pending', 'running', 'dead')");
    Params.bindAll(ps, now, job);
    return ps.executeUpdate() > 0;
  }

  /** Makes a dead (or canceled) job pending again, due now, with fresh attempts. */
  public static int retry(Connection c, UUID job, Instant now) throws SQLException {
    PreparedStatement ps =
        prepare(
            c,
            "update tq_job set state = "
                + JobTransitions.to(JobEvent.REQUEUE)
                + ", attempts = 0, run_at = ?, updated_at = ? where id = ? and "
                + JobTransitions.from(JobEvent.REQUEUE));
    Params.bindAll(ps, now, now, job);
    return ps.executeUpdate();
  }

  /** Pending jobs whose time has come ({@code tq_job_due} serves it). */
  public static long countDue(Connection c, Instant now) throws SQLException {
    return count(c, "select count(*) from tq_job where state = 'pending' and run_at <= ?", now);
  }

  /** Jobs parked as dead ({@code tq_job_due} serves it). */
  public static long countDead(Connection c) throws SQLException {
    return count(c, "select count(*) from tq_job where state = 'dead'");
  }

  private static long count(Connection c, String sql, @Nullable Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Params.bindAll(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  public static Optional<JobSnapshot> find(Connection c, UUID job) throws SQLException {
    List<JobSnapshot> l = list(c, "select " + COLUMNS + " from tq_job where id = ?", job);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  public static List<JobSnapshot> inState(Connection c, JobState state, int limit)
      throws SQLException {
    return list(
        c,
        "select "
            + COLUMNS
            + " from tq_job where state = ? order by run_at fetch first "
            + limit
            + " rows only",
        state.id());
  }

  public static List<JobSnapshot> ownedBy(Connection c, UUID owner) throws SQLException {
    return list(
        c, "select " + COLUMNS + " from tq_job where owner_id = ? order by created_at, id", owner);
  }

  /** Counts of jobs per state. */
  public static java.util.Map<JobState, Long> counts(Connection c) throws SQLException {
    java.util.Map<JobState, Long> out = new java.util.EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      out.put(s, 0L);
    }
    PreparedStatement ps = prepare(c, "select state, count(*) from tq_job group by state");
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(JobState.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getLong(2));
      }
    }
    return out;
  }
}
