package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code tasquencer demo er}, run in-process on H2. */
class ErCommandTest extends CliTest {
  private static long sum(JsonNode counts) {
    long total = 0;
    for (JsonNode n : counts.values()) {
      total += n.asLong();
    }
    return total;
  }

  @Test
  void jsonShowsFinalStatesTaskCountsAndConsistency() {
    Run r = run("demo", "er", "--patients", "60", "--seed", "7", "--db", memoryDb(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("demo").asString()).isEqualTo("er");
    assertThat(j.get("patients").asInt()).isEqualTo(60);
    assertThat(j.get("allFinal").asBoolean()).isTrue();
    assertThat(j.get("consistent").asBoolean()).as(j.get("violations").toString()).isTrue();
    assertThat(j.get("violationCount").asLong()).isZero();
    JsonNode states = j.get("finalStates");
    assertThat(sum(states)).isEqualTo(60);
    assertThat(states.get("completed").asLong()).isPositive();
    assertThat(states.has("started")).isFalse();
    assertThat(sum(j.get("patientStatuses"))).isEqualTo(60);
    assertThat(j.get("patientStatuses").get("discharged").asLong())
        .isEqualTo(states.get("completed").asLong());
    JsonNode tasks = j.get("tasks");
    assertThat(tasks.get("triage").get("completed").asLong()).isEqualTo(60);
    assertThat(tasks.get("diagnostics").get("completed").asLong()).isEqualTo(60);
    assertThat(tasks.get("discharge").get("completed").asLong())
        .isEqualTo(states.get("completed").asLong());
    assertThat(tasks.get("performDailyCheck").get("completed").asLong())
        .isEqualTo(j.get("counts").get("dailyChecks").asLong());
    assertThat(j.get("engineCommands").asLong()).isGreaterThan(60 * 5);
    // the staff worked through the engine's queues, and the engine refused the wrong-role attempts
    JsonNode staff = j.get("staff");
    assertThat(staff.get("members").asInt()).isPositive();
    assertThat(staff.get("claims").asLong()).isGreaterThan(60 * 4);
    assertThat(staff.get("lostRaces").asLong()).isZero();
    assertThat(staff.get("expectedRefusals").asLong()).isEqualTo(6); // patients 10, 20, ..., 60
    assertThat(staff.get("refusedAttempts").asLong()).isEqualTo(6);
    assertThat(r.err()).isEmpty();
  }

  /** The same seed gives the same shift, whatever the number of teams. */
  @Test
  void sameSeedSameOutcome() {
    JsonNode a =
        run(
                "demo",
                "er",
                "--patients",
                "30",
                "--seed",
                "3",
                "--teams",
                "1",
                "--db",
                memoryDb(),
                "--json")
            .json();
    JsonNode b =
        run(
                "demo",
                "er",
                "--patients",
                "30",
                "--seed",
                "3",
                "--teams",
                "3",
                "--db",
                memoryDb(),
                "--json")
            .json();
    JsonNode c =
        run("demo", "er", "--patients", "30", "--seed", "4", "--db", memoryDb(), "--json").json();

    assertThat(b.get("finalStates")).isEqualTo(a.get("finalStates"));
    assertThat(b.get("tasks")).isEqualTo(a.get("tasks"));
    assertThat(b.get("counts")).isEqualTo(a.get("counts"));
    assertThat(b.get("staff").get("claims")).isEqualTo(a.get("staff").get("claims"));
    assertThat(c.get("counts")).isNotEqualTo(a.get("counts"));
  }

  /** 200 patients: several final states, progress on stderr only, all consistent. */
  @Test
  void twoHundredPatientsEndInSeveralFinalStatesWithProgressOnStderr() {
    Run r = run("demo", "er", "--patients", "200", "--db", memoryDb(), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("allFinal").asBoolean()).isTrue();
    assertThat(j.get("consistent").asBoolean()).as(j.get("violations").toString()).isTrue();
    JsonNode states = j.get("finalStates");
    assertThat(states.get("completed").asLong()).isPositive();
    assertThat(states.get("failed").asLong()).isPositive();
    assertThat(states.get("canceled").asLong()).isPositive();
    assertThat(j.get("counts").get("surgeries").asLong()).isPositive();
    assertThat(j.get("counts").get("consultations").asLong()).isPositive();
    assertThat(r.err())
        .contains("er demo: 200 patients")
        .contains("journeys: 100% of the journeys final");
    assertThat(r.out()).doesNotContain("journeys:");
  }

  @Test
  void humanSummaryAndDefaultDatabase() {
    Run r = run("demo", "er", "--patients", "12");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("ER demo on H2 file")
        .contains("journeys by final state")
        .contains("triage")
        .contains("consistent                yes");
    assertThat(r.out()).doesNotContain("{");
    assertThat(Files.exists(dataDir.resolve("tasquencer-demo-er.mv.db"))).isTrue();
  }

  @Test
  void noPatientsIsAnEmptyConsistentShift() {
    JsonNode j = run("demo", "er", "--patients", "0", "--db", memoryDb(), "--json").json();

    assertThat(j.get("patients").asInt()).isZero();
    assertThat(j.get("consistent").asBoolean()).isTrue();
    assertThat(sum(j.get("finalStates"))).isZero();
  }

  @Test
  void invalidArguments() {
    Run missing = run("demo", "er");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--patients");

    assertThat(run("demo", "er", "--patients", "-3").exitCode()).isEqualTo(2);
    Run teams = run("demo", "er", "--patients", "3", "--teams", "0");
    assertThat(teams.exitCode()).isEqualTo(2);
    assertThat(teams.err()).contains("--teams must be between 1 and 16");
    assertThat(run("demo", "er", "--patients", "3", "--db", "mysql://x").exitCode()).isEqualTo(2);

    Run help = run("demo", "er", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--patients=N").contains("--seed=S").contains("--teams=K");
  }
}
