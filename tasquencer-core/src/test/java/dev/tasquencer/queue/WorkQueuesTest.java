package dev.tasquencer.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.ManualClock;
import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.WorkItemState;
import dev.tasquencer.api.allocation.AllocationState;
import dev.tasquencer.api.allocation.Offer;
import dev.tasquencer.api.authorization.Policy;
import dev.tasquencer.api.error.InvalidArgumentException;
import dev.tasquencer.api.error.InvalidDefinitionException;
import dev.tasquencer.api.error.NotAuthorizedException;
import dev.tasquencer.api.identity.IdentitySetup;
import dev.tasquencer.api.identity.ScopeModule;
import dev.tasquencer.api.queue.QueueCounts;
import dev.tasquencer.api.queue.QueueData;
import dev.tasquencer.api.queue.QueueEntry;
import dev.tasquencer.api.queue.QueueFilter;
import dev.tasquencer.api.queue.QueueItems;
import dev.tasquencer.api.queue.QueuePage;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.WorkItemBuilder;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Work queues (docs/work-queues.md): who sees which offered item (by user id, group membership with
 * expiry and active groups, scope with wildcards, agents), what each has claimed, the counts, the
 * queue order (priority, due date, age, id) with filters, and priority changes that move an item.
 */
class WorkQueuesTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  static final ScopeModule EXPENSE =
      ScopeModule.of("expense", "Expense claims")
          .scope("approve", "Approve a claim")
          .scope("admin", "Supervise the reviews");

  static final Actor BOB = Actor.user("bob");
  static final Actor CAROL = Actor.user("carol");
  static final Actor DAN = Actor.user("dan");
  static final Actor WIL = Actor.user("wil");
  static final Actor SAM = Actor.user("sam");
  static final Actor AGENT = Actor.agent("classifier");

  /**
   * The initialize payload: to whom the item is offered ("user:bob", "group:managers",
   * "scope:expense:approve", "agents"), its priority, due date and department.
   */
  record Item(String to, int priority, @Nullable String due, @Nullable String dept) {
    static Item to(String to) {
      return new Item(to, 0, null, null);
    }
  }

  static Offer offer(Item item) {
    String to = item.to();
    Offer o;
    if (to.equals("agents")) {
      o = Offer.toAgents();
    } else if (to.startsWith("user:")) {
      o = Offer.toUsers(to.substring(5));
    } else if (to.startsWith("group:")) {
      o = Offer.toGroups(to.substring(6));
    } else {
      o = Offer.toScopes(to.substring(6));
    }
    return o.supervisedBy("expense:admin");
  }

  static QueueData queue(Item item) {
    QueueData q = QueueData.priority(item.priority());
    if (item.due() != null) {
      q = q.due(Instant.parse(item.due()));
    }
    return item.dept() == null ? q : q.attribute("department", item.dept());
  }

  /** A workflow of one task "review" whose items are offered and queued as their payload says. */
  static WorkflowDefinition expense(String name) {
    WorkItemBuilder item =
        Builder.workItem("review")
            .withActions(
                Builder.workItemActions()
                    .initialize(Item.class)
                    .start(Void.class, Policy.anyActor())
                    .complete(Void.class, Policy.anyActor()))
            .offer(ctx -> offer(ctx.payload(Item.class)))
            .queue(ctx -> queue(ctx.payload(Item.class)));
    return Nets.oneTask(name, "review", Builder.task(item)).build();
  }

  static Consumer<IdentitySetup> roles() {
    return id ->
        id.scopes(EXPENSE)
            .role("manager", "Reviews claims", "expense:approve")
            .role("all", "Everything about expenses", "expense:*")
            .role("admin", "Supervises", "expense:admin")
            .group("managers", "Managers", "manager")
            .group("interns", "Interns")
            .group("closed", "A group deactivated below");
  }

  ManualClock clock;

  Tasquencer engine(TestDatabase db) {
    clock = new ManualClock(T0);
    Tasquencer engine =
        db.engine(
            Tasquencer.builder()
                .clock(clock)
                .identity(roles())
                .register(expense("expense"))
                .register(expense("travel")));
    engine.identity().addMember("managers", "bob", null);
    engine.identity().addMember("interns", "carol", T0.plus(Duration.ofHours(1)));
    engine.identity().addMember("closed", "dan", null);
    engine.identity().setGroupActive("closed", false);
    engine.identity().assignRoleToUser("all", "wil", null);
    engine.identity().assignRoleToUser("admin", "sam", null);
    return engine;
  }

  static UUID item(Tasquencer engine, String workflow, Item item) {
    UUID wf = engine.internal().initializeRootWorkflow(workflow, null);
    return engine.internal().initializeWorkItem(wf, "review", item);
  }

  static List<UUID> ids(QueueItems items) {
    return items.items().stream().map(QueueEntry::workItemId).toList();
  }

  static List<UUID> available(Tasquencer engine, Actor actor, QueueFilter filter) {
    return ids(engine.queues().available(actor, filter, QueuePage.first(100)));
  }

  static List<UUID> available(Tasquencer engine, Actor actor) {
    return available(engine, actor, QueueFilter.all());
  }

  /**
   * A suspended tree's offered items leave the queues (nobody may claim them) and come back on
   * resume; an item claimed before the suspension stays in its claimant's list.
   */
  @DbTest
  void suspendedTreesOfferNothing(TestDatabase db) {
    Tasquencer engine = engine(db);
    UUID kept = item(engine, "expense", Item.to("user:bob"));
    UUID offered = item(engine, "travel", Item.to("user:bob"));
    UUID claimed = item(engine, "travel", Item.to("user:bob"));
    engine.as(BOB).claimWorkItem(claimed);
    UUID root = engine.queries().rootWorkflowIdOfWorkItem(offered);
    UUID claimedRoot = engine.queries().rootWorkflowIdOfWorkItem(claimed);

    engine.as(SAM).suspendWorkflow(root, "audit");
    engine.as(SAM).suspendWorkflow(claimedRoot, "audit");
    assertThat(available(engine, BOB)).containsExactly(kept);
    assertThat(engine.queues().counts(BOB).available()).isEqualTo(1);
    assertThat(ids(engine.queues().claimedBy(BOB, QueueFilter.all(), QueuePage.first(10))))
        .containsExactly(claimed);

    engine.as(SAM).resumeWorkflow(root);
    assertThat(available(engine, BOB)).containsExactlyInAnyOrder(kept, offered);
    assertThat(engine.queues().counts(BOB).available()).isEqualTo(2);
  }

  @DbTest
  void eachActorSeesWhatItMayClaim(TestDatabase db) {
    Tasquencer engine = engine(db);
    UUID toBob = item(engine, "expense", Item.to("user:bob"));
    UUID toManagers = item(engine, "expense", Item.to("group:managers"));
    UUID toApprovers = item(engine, "expense", Item.to("scope:expense:approve"));
    UUID toAgents = item(engine, "expense", Item.to("agents"));
    UUID toInterns = item(engine, "expense", Item.to("group:interns"));
    UUID toClosed = item(engine, "expense", Item.to("group:closed"));
    UUID toAdmins = item(engine, "expense", Item.to("scope:expense:admin"));

    // by id, by group, by scope held through the group's role
    assertThat(available(engine, BOB)).containsExactlyInAnyOrder(toBob, toManagers, toApprovers);
    // the wildcard grant expense:* covers both scopes
    assertThat(available(engine, WIL)).containsExactlyInAnyOrder(toApprovers, toAdmins);
    assertThat(available(engine, SAM)).containsExactly(toAdmins);
    assertThat(available(engine, AGENT)).containsExactly(toAgents);
    // a membership counts until it expires; an inactive group gives its members nothing
    assertThat(available(engine, CAROL)).containsExactly(toInterns);
    assertThat(available(engine, DAN)).isEmpty();
    clock.advance(Duration.ofHours(2));
    assertThat(available(engine, CAROL)).isEmpty();
    engine.identity().setGroupActive("closed", true);
    assertThat(available(engine, DAN)).containsExactly(toClosed);
    // systems claim nothing
    assertThat(available(engine, Actor.system("cron"))).isEmpty();

    // a claim moves the item from "available" to the claimant's "claimed"
    engine.as(BOB).claimWorkItem(toManagers);
    assertThat(available(engine, BOB)).containsExactlyInAnyOrder(toBob, toApprovers);
    QueueItems claimed = engine.queues().claimedBy(BOB, QueueFilter.all(), QueuePage.first(10));
    assertThat(ids(claimed)).containsExactly(toManagers);
    QueueEntry entry = claimed.items().get(0);
    assertThat(entry.state()).isEqualTo(AllocationState.CLAIMED);
    assertThat(entry.claimant()).isEqualTo(BOB);
    assertThat(entry.claimedAt()).isEqualTo(clock.instant());
    assertThat(entry.workflow()).isEqualTo("expense");
    assertThat(entry.task()).isEqualTo("review");
    assertThat(entry.offeredAt()).isEqualTo(T0);
    assertThat(claimed.next()).isEmpty();
    assertThat(ids(engine.queues().claimedBy(WIL, QueueFilter.all(), QueuePage.first(10))))
        .isEmpty();

    QueueCounts bob = engine.queues().counts(BOB);
    assertThat(bob.available()).isEqualTo(2);
    assertThat(bob.claimed()).isEqualTo(1);
    assertThat(bob.byTask())
        .containsExactly(new QueueCounts.TaskCount("expense", "v1", "review", 2, 1));
    assertThat(engine.queues().counts(AGENT).available()).isEqualTo(1);
    assertThat(engine.queues().counts(Actor.system("cron")))
        .isEqualTo(new QueueCounts(0, 0, List.of()));

    // a done item leaves both queues
    engine.as(BOB).startWorkItem(toManagers);
    engine.as(BOB).completeWorkItem(toManagers);
    assertThat(engine.queries().workItemState(toManagers)).isEqualTo(WorkItemState.COMPLETED);
    assertThat(ids(engine.queues().claimedBy(BOB, QueueFilter.all(), QueuePage.first(10))))
        .isEmpty();
    assertThat(engine.queues().counts(BOB).claimed()).isZero();
    // released: offered again
    engine.as(BOB).claimWorkItem(toBob);
    engine.as(BOB).releaseWorkItem(toBob);
    assertThat(available(engine, BOB)).containsExactlyInAnyOrder(toBob, toApprovers);
  }

  @DbTest
  void theQueueIsOrderedByPriorityDueDateAgeAndFiltered(TestDatabase db) {
    Tasquencer engine = engine(db);
    String soon = T0.plus(Duration.ofDays(1)).toString();
    String later = T0.plus(Duration.ofDays(3)).toString();
    List<UUID> made = new ArrayList<>();
    // made in this order, one minute apart: the age decides between equals
    Item[] items = {
      new Item("group:managers", 0, null, "sales"), // 0
      new Item("group:managers", 5, later, "sales"), // 1
      new Item("group:managers", 5, soon, "hr"), // 2
      new Item("group:managers", 5, null, null), // 3
      new Item("group:managers", 0, soon, null), // 4
      new Item("group:managers", -1, soon, "sales"), // 5
      new Item("group:managers", 0, null, "hr"), // 6
    };
    for (Item i : items) {
      made.add(item(engine, "expense", i));
      clock.advance(Duration.ofMinutes(1));
    }
    UUID travel = item(engine, "travel", new Item("group:managers", 9, null, "sales"));

    List<UUID> expenses =
        List.of(
            made.get(2),
            made.get(1),
            made.get(3),
            made.get(4),
            made.get(0),
            made.get(6),
            made.get(5));
    List<UUID> all = new ArrayList<>(expenses);
    all.add(0, travel);
    assertThat(available(engine, BOB)).isEqualTo(all);
    assertThat(available(engine, BOB, QueueFilter.all().workflow("expense"))).isEqualTo(expenses);
    assertThat(available(engine, BOB, QueueFilter.all().workflow("travel").version("v1")))
        .containsExactly(travel);
    assertThat(available(engine, BOB, QueueFilter.all().version("2"))).isEmpty();
    assertThat(available(engine, BOB, QueueFilter.all().task("other"))).isEmpty();
    assertThat(
            available(
                engine, BOB, QueueFilter.all().task("review").attribute("department", "sales")))
        .containsExactly(travel, made.get(1), made.get(0), made.get(5));
    assertThat(
            available(
                engine, BOB, QueueFilter.all().workflow("expense").attribute("department", "hr")))
        .containsExactly(made.get(2), made.get(6));

    QueueEntry first =
        engine.queues().available(BOB, QueueFilter.all(), QueuePage.first(1)).items().get(0);
    assertThat(first.priority()).isEqualTo(9);
    assertThat(first.dueAt()).isNull();
    assertThat(first.attributes())
        .containsExactlyEntriesOf(java.util.Map.of("department", "sales"));
    assertThat(first.version()).isEqualTo("v1");

    // the order holds across pages too
    List<UUID> walked = new ArrayList<>();
    QueuePage page = QueuePage.first(3);
    while (true) {
      QueueItems p = engine.queues().available(BOB, QueueFilter.all(), page);
      walked.addAll(ids(p));
      if (p.next().isEmpty()) {
        break;
      }
      page = page.next(p);
    }
    assertThat(walked).isEqualTo(available(engine, BOB));
  }

  @DbTest
  void aChangedPriorityOrDueDateMovesTheItem(TestDatabase db) {
    Tasquencer engine = engine(db);
    UUID a = item(engine, "expense", new Item("group:managers", 1, null, null));
    clock.advance(Duration.ofMinutes(1));
    UUID b = item(engine, "expense", new Item("group:managers", 1, null, null));
    clock.advance(Duration.ofMinutes(1));
    UUID c = item(engine, "expense", new Item("group:managers", 3, null, null));
    assertThat(available(engine, BOB)).containsExactly(c, a, b);

    engine.internal().setWorkItemPriority(b, 7, null);
    assertThat(available(engine, BOB)).containsExactly(b, c, a);
    // same priority: a due date puts it before one without
    engine.internal().setWorkItemPriority(a, 3, T0.plus(Duration.ofDays(1)));
    assertThat(available(engine, BOB)).containsExactly(b, a, c);
    QueueEntry moved =
        engine.queues().available(BOB, QueueFilter.all(), QueuePage.first(3)).items().get(1);
    assertThat(moved.priority()).isEqualTo(3);
    assertThat(moved.dueAt()).isEqualTo(T0.plus(Duration.ofDays(1)));

    // a supervisor may change it; anyone else who has not claimed it may not
    engine.as(SAM).setWorkItemPriority(c, 9, null);
    assertThat(available(engine, BOB)).containsExactly(c, b, a);
    assertThatThrownBy(() -> engine.as(BOB).setWorkItemPriority(c, 0, null))
        .isInstanceOf(NotAuthorizedException.class)
        .hasMessageContaining("expense:admin");
    assertThat(available(engine, BOB)).containsExactly(c, b, a);
    // its claimant may, and the claimed queue follows
    engine.as(BOB).claimWorkItem(c);
    engine.as(BOB).claimWorkItem(a);
    assertThat(ids(engine.queues().claimedBy(BOB, QueueFilter.all(), QueuePage.first(5))))
        .containsExactly(c, a);
    engine.as(BOB).setWorkItemPriority(c, 0, null);
    assertThat(ids(engine.queues().claimedBy(BOB, QueueFilter.all(), QueuePage.first(5))))
        .containsExactly(a, c);
    // a done item keeps its data; changing it is refused
    engine.as(BOB).startWorkItem(a);
    engine.as(BOB).completeWorkItem(a);
    assertThatThrownBy(() -> engine.internal().setWorkItemPriority(a, 1, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("done");
  }

  @DbTest
  void cursorsAndLimitsAreChecked(TestDatabase db) {
    Tasquencer engine = engine(db);
    assertThatThrownBy(
            () ->
                engine
                    .queues()
                    .available(BOB, QueueFilter.all(), new QueuePage(10, "not-a-cursor")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("QueuePage.first");
    assertThatThrownBy(() -> QueuePage.first(0)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(
            () ->
                QueueData.NONE
                    .attribute("a", "1")
                    .attribute("b", "2")
                    .attribute("c", "3")
                    .attribute("d", "4"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at most 3");
  }

  @Test
  void queueDataWithoutAnOfferIsADefinitionError() {
    assertThatThrownBy(
            () ->
                Nets.oneTask(
                        "x", "t", Builder.task(Builder.workItem("w").queue(QueueData.priority(1))))
                    .build())
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("no offer");
  }
}
