package dev.tasquencer.examples.approvals;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ElementKind;
import dev.tasquencer.api.FailedAttempt;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryEvents;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowState;
import dev.tasquencer.examples.support.Jdbc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a run, read back from the office's tables, the engine's state, its history and its
 * failed attempts, and checked against each other: every claim's domain row must tell the same
 * story as its workflow's history (who submitted, who decided what, who paid which line), and the
 * history must show no double claim, no item worked by anyone but its claimant, and no claim
 * approved twice by one person.
 *
 * @param escalated reviews the deadline escalated to the deputies (history events)
 * @param refusedAttempts refusals the engine recorded as failed attempts (codes of {@link
 *     #REFUSALS})
 * @param expectedRefusals rogue attempts the simulation made (those that met the item as it was
 *     meant to: an attempt on an item a colleague had claimed or finished first is not counted)
 * @param mootAttempts rogue attempts that met an item a colleague had claimed or finished first
 * @param fourEyesViolations claims whose two approvals were given by one person
 * @param doubleClaims claims of an item that another actor held at the time
 * @param violations the first inconsistencies found, in words (empty when consistent)
 */
public record ApprovalsReport(
    long runId,
    int requests,
    int completed,
    int approved,
    int rejected,
    int autoApproved,
    int escalated,
    int refusedAttempts,
    int expectedRefusals,
    int mootAttempts,
    Map<String, Integer> refusalsByCode,
    int fourEyesViolations,
    int doubleClaims,
    int lostRaces,
    int releases,
    int delegations,
    int days,
    long engineCalls,
    long durationMs,
    boolean consistent,
    List<String> violations) {

  /** The error codes of refusals by authorization, offers, claims and separation of duties. */
  public static final Set<String> REFUSALS =
      Set.of("NOT_AUTHORIZED", "NOT_CLAIMANT", "NOT_OFFERED", "SEPARATION_OF_DUTIES");

  private static final int MAX_VIOLATIONS = 20;

  /** One claim as its domain row tells it. */
  private record ClaimRow(
      int number,
      UUID root,
      String requester,
      long total,
      String status,
      @Nullable String submittedBy,
      @Nullable String managerDecision,
      @Nullable String managerApprover,
      @Nullable String financeDecision,
      @Nullable String financeApprover,
      boolean notice) {}

  /** Reads the run's outcome and checks it. */
  static ApprovalsReport read(
      DataSource dataSource,
      WorkflowQueries queries,
      Office office,
      Map<Integer, UUID> roots,
      Instant startedAt,
      long durationMs) {
    long runId = office.runId();
    List<ClaimRow> claims = claims(dataSource, runId);
    Map<UUID, Map<UUID, String>> paidBy = paidBy(dataSource, runId);
    Checker check = new Checker();
    if (claims.size() != roots.size()) {
      check.fail(
          "the run drafted " + roots.size() + " claims but " + claims.size() + " rows exist");
    }
    int completed = 0;
    int approved = 0;
    int rejected = 0;
    int auto = 0;
    for (ClaimRow c : claims) {
      WorkflowState state = queries.workflowState(c.root());
      if (state == WorkflowState.COMPLETED) {
        completed++;
      }
      switch (c.status()) {
        case ExpenseDomain.PAID -> approved++;
        case ExpenseDomain.REJECTED -> rejected++;
        default -> check.fail("claim " + c.number() + " ended " + c.status());
      }
      if ("auto".equals(c.managerDecision())) {
        auto++;
      }
      check.claim(c, state, history(queries, c.root()), paidBy.getOrDefault(c.root(), Map.of()));
    }
    int refused = 0;
    Map<String, Integer> byCode = new TreeMap<>();
    Set<UUID> runRoots = Set.copyOf(roots.values());
    for (FailedAttempt a : queries.failedAttemptsSince(startedAt, 1_000_000)) {
      if (runRoots.contains(a.rootId())
          && a.errorCode() != null
          && REFUSALS.contains(a.errorCode())) {
        refused++;
        byCode.merge(a.errorCode(), 1, Integer::sum);
      }
    }
    if (refused != office.expectedRefusals.get()) {
      check.fail(
          "the simulation made "
              + office.expectedRefusals.get()
              + " rogue attempts but the engine recorded "
              + refused
              + " refusals");
    }
    if (office.rogueSuccesses.get() > 0) {
      check.fail(office.rogueSuccesses.get() + " rogue attempts were not refused");
    }
    return new ApprovalsReport(
        runId,
        roots.size(),
        completed,
        approved,
        rejected,
        auto,
        check.escalated,
        refused,
        office.expectedRefusals.get(),
        office.mootAttempts.get(),
        byCode,
        check.fourEyes,
        check.doubleClaims,
        office.lostRaces.get(),
        office.releases.get(),
        office.delegations.get(),
        office.days,
        office.commands.get(),
        durationMs,
        check.violations.isEmpty() && completed == roots.size(),
        List.copyOf(check.violations));
  }

  private static List<ClaimRow> claims(DataSource dataSource, long runId) {
    return Jdbc.inTransaction(
        dataSource,
        db ->
            db.query(
                "select c.number, c.workflow_id, c.requester, c.total, c.status, c.submitted_by,"
                    + " c.manager_decision, c.manager_approver, c.finance_decision,"
                    + " c.finance_approver, (select count(*) from exp_notice n where n.claim_id ="
                    + " c.id) from exp_claim c where c.run_id = ? order by c.number",
                rs ->
                    new ClaimRow(
                        rs.getInt(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getLong(11) > 0),
                runId));
  }

  /** Who paid each line's payment item, by claim root and work item. */
  private static Map<UUID, Map<UUID, String>> paidBy(DataSource dataSource, long runId) {
    Map<UUID, Map<UUID, String>> out = new HashMap<>();
    Jdbc.run(
        dataSource,
        db ->
            db.query(
                    "select c.workflow_id, l.work_item_id, l.paid_by from exp_line l join exp_claim"
                        + " c on c.id = l.claim_id where c.run_id = ?",
                    rs ->
                        new Object[] {
                          rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)
                        },
                    runId)
                .forEach(
                    r -> {
                      if (r[1] != null) {
                        out.computeIfAbsent((UUID) r[0], k -> new HashMap<>())
                            .put((UUID) r[1], r[2] == null ? "" : (String) r[2]);
                      }
                    }));
    return out;
  }

  private static List<HistoryEvent> history(WorkflowQueries queries, UUID root) {
    List<HistoryEvent> all = new ArrayList<>();
    HistoryPage page = HistoryPage.first(HistoryPage.MAX_SIZE);
    while (true) {
      HistoryEvents events = queries.history(root, HistoryFilter.ALL, page);
      all.addAll(events.events());
      if (!events.hasMore() || events.events().isEmpty()) {
        return all;
      }
      page = HistoryPage.after(events.events().get(events.events().size() - 1).seq(), page.size());
    }
  }

  /** Compares one claim's row with its history, and collects what does not match. */
  private static final class Checker {
    final List<String> violations = new ArrayList<>();
    int escalated;
    int fourEyes;
    int doubleClaims;

    void fail(String what) {
      if (violations.size() < MAX_VIOLATIONS) {
        violations.add(what);
      }
    }

    void claim(ClaimRow c, WorkflowState state, List<HistoryEvent> events, Map<UUID, String> paid) {
      String claim = "claim " + c.number() + " (" + c.root() + ")";
      if (state != WorkflowState.COMPLETED) {
        fail(claim + " is " + state);
      }
      Map<String, String> completedBy = new HashMap<>(); // task -> actor of its human step
      Map<UUID, String> claimant = new HashMap<>(); // work item -> its claimant now
      Set<String> tasksCompleted = new java.util.HashSet<>();
      for (HistoryEvent e : events) {
        if (e.element() == ElementKind.ALLOCATION && e.workItemId() != null) {
          UUID wi = e.workItemId();
          switch (e.event()) {
            case "claim" -> {
              if (claimant.get(wi) != null) {
                doubleClaims++;
                fail(
                    claim
                        + ": work item "
                        + wi
                        + " claimed while "
                        + claimant.get(wi)
                        + " held it");
              }
              claimant.put(wi, actorIn(e.payloadJson()));
            }
            case "delegate" -> claimant.put(wi, actorIn(e.payloadJson()));
            case "release" -> claimant.remove(wi);
            case "escalate" -> escalated++;
            default -> {}
          }
        } else if (e.element() == ElementKind.WORK_ITEM
            && "complete".equals(e.event())
            && e.workItemId() != null
            && e.task() != null) {
          String by = e.actor() == null ? null : e.actor().id();
          if (by != null) {
            String held = claimant.get(e.workItemId());
            if (held != null && !held.equals(Actor.user(by).toString())) {
              fail(
                  claim
                      + ": "
                      + by
                      + " completed work item "
                      + e.workItemId()
                      + " held by "
                      + held);
            }
            completedBy.put(e.task(), by);
            if (e.task().equals("pay") && !by.equals(paid.get(e.workItemId()))) {
              fail(
                  claim
                      + ": history says "
                      + by
                      + " paid "
                      + e.workItemId()
                      + ", the line says "
                      + paid.get(e.workItemId()));
            }
          }
        } else if (e.element() == ElementKind.TASK
            && "complete".equals(e.event())
            && e.task() != null) {
          tasksCompleted.add(e.task());
        }
      }
      same(claim, "submitter", c.submittedBy(), completedBy.get("submit"));
      same(claim, "submitter", c.requester(), completedBy.get("submit"));
      boolean auto = c.total() <= ExpenseDomain.AUTO_LIMIT;
      same(claim, "automatic approval", auto, tasksCompleted.contains("autoApprove"));
      if (!auto) {
        same(claim, "manager", c.managerApprover(), completedBy.get("managerReview"));
      }
      boolean second =
          "approved".equals(c.managerDecision()) && c.total() > ExpenseDomain.FINANCE_LIMIT;
      same(claim, "second approval", second, tasksCompleted.contains("financeApproval"));
      if (second) {
        same(claim, "finance approver", c.financeApprover(), completedBy.get("financeApproval"));
        if (Objects.equals(c.managerApprover(), c.financeApprover())
            || Objects.equals(
                completedBy.get("managerReview"), completedBy.get("financeApproval"))) {
          fourEyes++;
          fail(claim + ": approved twice by " + c.managerApprover());
        }
      }
      boolean rejectedClaim = c.status().equals(ExpenseDomain.REJECTED);
      same(claim, "rejection notice", rejectedClaim, c.notice());
      same(claim, "rejection", rejectedClaim, tasksCompleted.contains("notifyRejection"));
      same(claim, "payment", c.status().equals(ExpenseDomain.PAID), tasksCompleted.contains("pay"));
      if (c.status().equals(ExpenseDomain.PAID)
          && paid.values().stream().anyMatch(String::isEmpty)) {
        fail(claim + " is paid but a line is not");
      }
    }

    private void same(
        String claim, String what, @Nullable Object domain, @Nullable Object history) {
      if (!Objects.equals(domain, history)) {
        fail(
            claim
                + ": "
                + what
                + " is "
                + domain
                + " in the office's tables but "
                + history
                + " in the history");
      }
    }

    /** The actor a claim or delegation event names ({@code {"claimant":"user:bob"}}). */
    private static @Nullable String actorIn(@Nullable String payload) {
      if (payload == null) {
        return null;
      }
      int at = payload.indexOf("\"claimant\":\"");
      if (at < 0) {
        return null;
      }
      int from = at + "\"claimant\":\"".length();
      return payload.substring(from, payload.indexOf('"', from));
    }
  }
}
