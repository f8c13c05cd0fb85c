package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code tasquencer demo approvals}, run in-process on H2. */
class ApprovalsCommandTest extends CliTest {

  @Test
  void jsonHasTheFieldsTheIssueAsksForAndTheRunIsConsistent() {
    Run r =
        run("demo", "approvals", "--requests", "80", "--seed", "3", "--db", memoryDb(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("demo").asString()).isEqualTo("approvals");
    assertThat(j.get("consistent").asBoolean()).as(j.get("violations").toString()).isTrue();
    assertThat(j.get("requests").asInt()).isEqualTo(80);
    assertThat(j.get("completed").asInt()).isEqualTo(80);
    assertThat(j.get("approved").asInt() + j.get("rejected").asInt()).isEqualTo(80);
    assertThat(j.get("escalated").asInt()).isPositive();
    assertThat(j.get("expectedRefusals").asInt()).isPositive();
    assertThat(j.get("refusedAttempts").asInt()).isEqualTo(j.get("expectedRefusals").asInt());
    assertThat(j.get("fourEyesViolations").asInt()).isZero();
    assertThat(j.get("doubleClaims").asInt()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theSummaryNamesTheOutcomeAndTheRefusals() {
    Run r = run("demo", "approvals", "--requests", "20", "--db", memoryDb());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Approvals demo on")
        .contains("20 completed")
        .contains("rogue attempts")
        .contains("consistent                yes");
  }

  @Test
  void aNegativeNumberOfRequestsIsAnInvalidArgument() {
    Run r = run("demo", "approvals", "--requests", "-1");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--requests must be 0 or more");
  }
}
