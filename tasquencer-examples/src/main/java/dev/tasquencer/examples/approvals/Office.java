package dev.tasquencer.examples.approvals;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.error.AllocationInvalidStateException;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.error.WorkItemAlreadyClaimedException;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueueItems;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.examples.approvals.ExpensePayloads.Decision;
import dev.tasquencer.examples.approvals.ExpensePayloads.NewClaim;
import dev.tasquencer.examples.approvals.ExpensePayloads.Payment;
import dev.tasquencer.examples.approvals.ExpensePayloads.Submission;
import dev.tasquencer.examples.support.Jdbc;
import dev.tasquencer.jobs.JobWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The simulated office. Claims are drafted and submitted over the first days; every day, each
 * member of staff works in a thread of its own through the engine's work queues: first what it has
 * claimed, then what is available to it, claiming one item at a time (a lost race is normal: two
 * people saw the same item), then starting and completing it; now and then someone releases an item
 * or hands it to a colleague. When nobody finds anything more to do, the day ends: the manual clock
 * moves on a day and the job worker runs the deadlines that passed (a review nobody did for two
 * days is escalated to the deputies). Rogue attempts the engine must refuse: on the review of every
 * tenth claim, the requester deciding their own claim (wrong role) and a deputy working the item a
 * manager claimed (not the claimant); of every fourth claim that needs a second approval, the
 * approving manager tries to take that too (four eyes).
 */
final class Office {
  /** Claims are submitted over this many days. */
  static final int SUBMISSION_DAYS = 5;

  /** A run that has not ended after this many days is stuck. */
  static final int MAX_DAYS = 60;

  /** Every n-th claim draws rogue attempts on its review. */
  static final int ROGUE_EVERY = 10;

  /** Every n-th claim that needs a second approval has its manager try to take that too. */
  static final int FOUR_EYES_EVERY = 4;

  private final Tasquencer engine;
  private final DataSource dataSource;
  private final ManualClock clock;
  private final JobWorker deadlines;
  private final long seed;
  private final long runId;
  private final QueueFilter filter;
  private final Map<UUID, NewClaim> claimsByRoot = new ConcurrentHashMap<>();
  private final Set<UUID> handledOnce = ConcurrentHashMap.newKeySet();
  private final Set<UUID> rogueDone = ConcurrentHashMap.newKeySet();

  final AtomicLong commands = new AtomicLong();
  final AtomicInteger lostRaces = new AtomicInteger();
  final AtomicInteger releases = new AtomicInteger();
  final AtomicInteger delegations = new AtomicInteger();
  final AtomicInteger expectedRefusals = new AtomicInteger();
  final AtomicInteger caughtRefusals = new AtomicInteger();
  final AtomicInteger rogueSuccesses = new AtomicInteger();
  final AtomicInteger mootAttempts = new AtomicInteger();
  final Map<String, AtomicInteger> refusalsByCode = new ConcurrentHashMap<>();
  int days;

  Office(
      Tasquencer engine,
      DataSource dataSource,
      ManualClock clock,
      JobWorker deadlines,
      long seed,
      long runId) {
    this.engine = engine;
    this.dataSource = dataSource;
    this.clock = clock;
    this.deadlines = deadlines;
    this.seed = seed;
    this.runId = runId;
    this.filter =
        QueueFilter.all().workflow(ExpenseWorkflow.NAME).attribute("run", Long.toString(runId));
  }

  long runId() {
    return runId;
  }

  /** The people who work their queues: everybody but those on leave. */
  static List<Actor> workers() {
    TreeMap<String, Actor> people = new TreeMap<>();
    Staff.REQUESTERS.values().forEach(l -> l.forEach(u -> people.put(u, Actor.user(u))));
    Staff.MEMBERS.values().forEach(l -> l.forEach(u -> people.put(u, Actor.user(u))));
    Staff.ON_LEAVE.forEach(people::remove);
    return List.copyOf(people.values());
  }

  /** Works all claims to their end; returns the root workflow of each, by claim number. */
  Map<Integer, UUID> run(List<NewClaim> claims, ApprovalsProgress progress) {
    Map<Integer, UUID> roots = new TreeMap<>();
    List<Actor> staff = workers();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            staff.size(),
            r -> {
              Thread t = new Thread(r, "office");
              t.setDaemon(true);
              return t;
            });
    try {
      int submitted = 0;
      for (days = 0; days < MAX_DAYS; days++) {
        int due =
            (int) Math.min(claims.size(), (long) claims.size() * (days + 1) / SUBMISSION_DAYS);
        for (; submitted < due; submitted++) {
          NewClaim c = claims.get(submitted);
          commands.incrementAndGet();
          UUID root =
              engine.as(Actor.user(c.requester())).initializeRootWorkflow(ExpenseWorkflow.NAME, c);
          claimsByRoot.put(root, c);
          roots.put(c.number(), root);
        }
        while (phase(pool, staff) > 0) {
          progress.update(finished(), claims.size());
        }
        if (submitted == claims.size() && finished() == claims.size()) {
          break;
        }
        clock.advance(Duration.ofDays(1));
        deadlines.runDue();
      }
    } finally {
      pool.shutdownNow();
    }
    return roots;
  }

  /** How many claims of this run have ended (paid or rejected). */
  private long finished() {
    return Jdbc.inTransaction(
        dataSource,
        db ->
            db.queryLong(
                "select count(*) from exp_claim where run_id = ? and (status = ? or (status = ?"
                    + " and exists (select 1 from exp_notice n where n.claim_id = exp_claim.id)))",
                runId,
                ExpenseDomain.PAID,
                ExpenseDomain.REJECTED));
  }

  /** Everybody works until their queues are empty; returns how many things were done. */
  private int phase(ExecutorService pool, List<Actor> staff) {
    List<Future<Integer>> done = new ArrayList<>();
    for (Actor person : staff) {
      done.add(pool.submit(() -> work(person)));
    }
    int total = 0;
    try {
      for (Future<Integer> f : done) {
        total += f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the office worked", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
    return total;
  }

  /** One person's turn: claimed items first, then new claims, until nothing is left. */
  private int work(Actor me) {
    SplittableRandom random = new SplittableRandom(seed ^ me.id().hashCode() ^ (31L * days));
    int done = 0;
    while (true) {
      QueueItems mine = engine.queues().claimedBy(me, filter, QueuePage.first(5));
      if (!mine.items().isEmpty()) {
        finish(me, mine.items().get(0));
        done++;
        continue;
      }
      List<QueueEntry> open = new ArrayList<>();
      for (QueueEntry e : engine.queues().available(me, filter, QueuePage.first(10)).items()) {
        if (!barred(me, e)) {
          open.add(e);
        }
      }
      if (open.isEmpty()) {
        return done;
      }
      QueueEntry pick = open.get(random.nextInt(open.size()));
      try {
        commands.incrementAndGet();
        engine.as(me).claimWorkItem(pick.workItemId());
      } catch (WorkItemAlreadyClaimedException | AllocationInvalidStateException e) {
        // another person claimed it, or claimed and finished it, since the queue was read
        lostRaces.incrementAndGet();
        continue;
      }
      done++;
      rogueAfterClaim(me, pick);
      double chance = random.nextDouble();
      if (chance < 0.05 && handledOnce.add(pick.workItemId())) {
        commands.incrementAndGet();
        engine.as(me).releaseWorkItem(pick.workItemId());
        releases.incrementAndGet();
      } else if (chance < 0.10 && handledOnce.add(pick.workItemId())) {
        Actor colleague = colleague(me, pick, random);
        if (colleague != null) {
          commands.incrementAndGet();
          engine.as(me).delegateWorkItem(pick.workItemId(), colleague);
          delegations.incrementAndGet();
        }
      }
    }
  }

  /** Starts and completes an item {@code me} has claimed, with the payload its task asks for. */
  private void finish(Actor me, QueueEntry e) {
    NewClaim c = claimOf(e);
    UUID id = e.workItemId();
    commands.addAndGet(2);
    engine.as(me).startWorkItem(id);
    switch (e.task()) {
      case "submit" -> engine.as(me).completeWorkItem(id, new Submission("claim " + c.number()));
      case "managerReview" -> {
        Decision d = decision(c, "manager", 0.8);
        engine.as(me).completeWorkItem(id, d);
        if (d.approved() && c.total() > ExpenseDomain.FINANCE_LIMIT) {
          rogueSecondApproval(me, e);
        }
      }
      case "financeApproval" -> engine.as(me).completeWorkItem(id, decision(c, "finance", 0.85));
      case "pay" ->
          engine
              .as(me)
              .completeWorkItem(
                  id, new Payment("PAY-" + runId + "-" + id.toString().substring(0, 8)));
      default -> throw new IllegalStateException("no one knows how to do task " + e.task());
    }
  }

  /** A reviewer's decision: drawn from the seed and the claim, so it does not depend on timing. */
  private Decision decision(NewClaim c, String who, double approvalRate) {
    boolean approved =
        new SplittableRandom(seed * 1_000_003L + c.number() * 7L + who.hashCode()).nextDouble()
            < approvalRate;
    return new Decision(approved, approved ? "in order" : "receipts missing");
  }

  private NewClaim claimOf(QueueEntry e) {
    NewClaim c = claimsByRoot.get(e.rootId());
    if (c == null) {
      throw new IllegalStateException(
          "work item " + e.workItemId() + " belongs to no claim of this run");
    }
    return c;
  }

  /**
   * Whether the engine would refuse {@code me} this item by separation of duties: a careful inbox
   * greys out the second approval of a claim its reader approved first.
   */
  private boolean barred(Actor me, QueueEntry e) {
    return e.task().equals("financeApproval") && me.id().equals(managerApprover(e.rootId()));
  }

  private @org.jspecify.annotations.Nullable String managerApprover(UUID root) {
    return Jdbc.inTransaction(
        dataSource,
        db ->
            db.queryOne(
                    "select manager_approver from exp_claim where workflow_id = ?",
                    rs -> rs.getString(1),
                    root)
                .orElse(null));
  }

  /** A colleague the item is offered to (one who is not barred from it), or null. */
  private @org.jspecify.annotations.Nullable Actor colleague(
      Actor me, QueueEntry e, SplittableRandom random) {
    String group =
        switch (e.task()) {
          case "managerReview" ->
              Staff.members(Staff.DEPUTIES).contains(me.id())
                  ? Staff.DEPUTIES // an escalated review: it is offered to the deputies
                  : Staff.managersOf(claimOf(e).department());
          case "financeApproval" -> Staff.FINANCE_GROUP;
          case "pay" -> Staff.PAYMENTS;
          default -> null;
        };
    if (group == null) {
      return null;
    }
    List<String> others = new ArrayList<>(Staff.members(group));
    others.remove(me.id());
    others.removeAll(Staff.ON_LEAVE);
    others.remove(managerApprover(e.rootId()));
    return others.isEmpty() ? null : Actor.user(others.get(random.nextInt(others.size())));
  }

  // ------------------------------------------------------------------------------ rogues

  private boolean rogue(QueueEntry e) {
    return claimOf(e).number() % ROGUE_EVERY == 0 && rogueDone.add(e.workItemId());
  }

  /**
   * Four eyes: right after approving a rogue claim, its manager tries to take the second approval
   * (a separation-of-duties refusal for the managers who are also in finance, not offered for the
   * others).
   */
  private void rogueSecondApproval(Actor manager, QueueEntry review) {
    if (claimOf(review).number() % FOUR_EYES_EVERY != 0) {
      return;
    }
    for (var item : engine.queries().workItems(review.workflowId(), "financeApproval")) {
      refused(() -> engine.as(manager).claimWorkItem(item.id()));
    }
  }

  /**
   * Wrong role and not the claimant: once a manager claimed the review of a rogue claim, its
   * requester tries to approve it, and a deputy tries to start it.
   */
  private void rogueAfterClaim(Actor me, QueueEntry e) {
    if (!e.task().equals("managerReview") || !rogue(e)) {
      return;
    }
    NewClaim c = claimOf(e);
    refused(
        () ->
            engine
                .as(Actor.user(c.requester()))
                .completeWorkItem(e.workItemId(), new Decision(true, "my own claim")));
    String deputy = Staff.members(Staff.DEPUTIES).get(0);
    if (!deputy.equals(me.id())) {
      refused(() -> engine.as(Actor.user(deputy)).startWorkItem(e.workItemId()));
    }
  }

  /**
   * A call the engine must refuse; counts what it did. When the item moved on before the attempt (a
   * colleague claimed or finished it first), the attempt proves nothing and is not counted.
   */
  private void refused(Runnable call) {
    commands.incrementAndGet();
    try {
      call.run();
      expectedRefusals.incrementAndGet();
      rogueSuccesses.incrementAndGet();
    } catch (NotAuthorizedException e) {
      expectedRefusals.incrementAndGet();
      caughtRefusals.incrementAndGet();
      refusalsByCode.computeIfAbsent(e.code(), k -> new AtomicInteger()).incrementAndGet();
    } catch (WorkItemAlreadyClaimedException | AllocationInvalidStateException e) {
      mootAttempts.incrementAndGet();
    }
  }
}
