package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.Actor;
import dev.tasquencer.api.HistoryEvent;
import dev.tasquencer.api.HistoryFilter;
import dev.tasquencer.api.HistoryPage;
import dev.tasquencer.api.error.WorkflowSuspendedException;
import dev.tasquencer.testing.DbTest;
import dev.tasquencer.testing.Nets;
import dev.tasquencer.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/** {@code tasquencer suspend} and {@code tasquencer resume} on a database an engine runs on. */
class SuspendCommandsTest extends CliTest {

  @DbTest
  void suspendAndResumeATreeFromTheCommandLine(TestDatabase db) {
    String url = db.jdbcUrl();
    Tasquencer engine = db.engine(Nets.singleTask("one"));
    UUID id = engine.internal().initializeRootWorkflow("one", null);

    Run suspend = run("suspend", id.toString(), "--db", url, "--reason", "audit", "--actor", "ops");
    assertThat(suspend.exitCode()).as(suspend.err()).isZero();
    assertThat(suspend.out()).contains("suspended workflow " + id);
    assertThatThrownBy(() -> engine.as(Actor.user("bob")).cancelWorkflow(id))
        .isInstanceOf(WorkflowSuspendedException.class)
        .hasMessageContaining("by user:ops")
        .hasMessageContaining("(audit)");

    Run again = run("suspend", id.toString(), "--db", url);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("suspended").contains("tasquencer resume " + id);

    Run resume = run("resume", id.toString(), "--db", url);
    assertThat(resume.exitCode()).as(resume.err()).isZero();
    assertThat(resume.out()).contains("resumed workflow " + id);
    Run twice = run("resume", id.toString(), "--db", url);
    assertThat(twice.exitCode()).isEqualTo(1);
    assertThat(twice.err()).contains("not suspended");

    // with an idempotency key, a repeated suspend replays its first outcome instead of failing
    Run keyed = run("suspend", id.toString(), "--db", url, "--idempotency-key", "ticket-7");
    assertThat(keyed.exitCode()).as(keyed.err()).isZero();
    Run repeated = run("suspend", id.toString(), "--db", url, "--idempotency-key", "ticket-7");
    assertThat(repeated.exitCode()).as(repeated.err()).isZero();
    Run reused = run("resume", id.toString(), "--db", url, "--idempotency-key", "ticket-7");
    assertThat(reused.exitCode()).isEqualTo(1);
    assertThat(reused.err()).contains("ticket-7");
    assertThat(run("resume", id.toString(), "--db", url).exitCode()).isZero();

    Run unknown = run("resume", UUID.randomUUID().toString(), "--db", url);
    assertThat(unknown.exitCode()).isEqualTo(1);
    Run usage = run("suspend", "--db", url);
    assertThat(usage.exitCode()).isEqualTo(2);

    List<HistoryEvent> events =
        engine.queries().history(id, HistoryFilter.ALL, HistoryPage.first(100)).events().stream()
            .filter(e -> e.event().equals("suspend") || e.event().equals("resume"))
            .toList();
    assertThat(events)
        .extracting(HistoryEvent::actor)
        // the keyed suspend ran once although it was called twice
        .containsExactly(
            Actor.user("ops"), Actor.system("cli"), Actor.system("cli"), Actor.system("cli"));
  }
}
