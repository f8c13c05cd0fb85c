package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** {@code tasquencer graph}: the example nets as Graphviz or Mermaid, coloured by an instance. */
class GraphCommandTest extends CliTest {
  /** An in-memory H2 database that lives until the JVM ends, shared by two commands. */
  private static String sharedMemoryDb() {
    return "jdbc:h2:mem:graph"
        + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + ";DB_CLOSE_DELAY=-1";
  }

  /** Runs the billing demo and returns the id of its workflow. */
  private static String billingInstance(String... dbAndOptions) {
    String[] args = new String[4 + dbAndOptions.length];
    args[0] = "demo";
    args[1] = "billing";
    args[2] = "--json";
    args[3] = "--customers=20";
    System.arraycopy(dbAndOptions, 0, args, 4, dbAndOptions.length);
    Run demo = run(args);
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    return JSON.readTree(demo.out()).get("workflowId").asString();
  }

  @Test
  void billingAsDotIsTheNetOfTheExample() {
    Run r = run("graph", "billing", "--format", "dot");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("digraph \"billing\" {\n")
        .endsWith("}\n")
        .contains("\"start\" [shape=circle")
        .contains("\"end\" [shape=doublecircle")
        .contains("\"generateInvoices\" [shape=record, label=\"{generateInvoices}\"")
        .contains("\"sendSummary\" [shape=record, label=\"{sendSummary}\"")
        .contains("\"generateInvoices__to__sendSummary\" -> \"sendSummary\";")
        .doesNotContain("fillcolor");
    // dot is the default format
    assertThat(run("graph", "billing").out()).isEqualTo(r.out());
  }

  @Test
  void campaignAsMermaid() {
    Run r = run("graph", "campaign", "--format", "mermaid");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines())
        .startsWith("flowchart LR", "  %% workflow emailCampaign v1")
        .contains("  t0[\"sendEmails\"]", "  t1[\"generateReport\"]", "  t0 --> t1");
  }

  @Test
  void aCompletedInstanceIsColoured() {
    String db = sharedMemoryDb();
    String id = billingInstance("--db", db);

    Run r = run("graph", "billing", "--db", db, "--instance", id);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("label=\"{generateInvoices\\ncompleted}\", fillcolor=\"#a5d6a7\"")
        .contains("label=\"{sendSummary\\ncompleted}\", fillcolor=\"#a5d6a7\"")
        .contains("label=\"end\\n1 token\"")
        .contains("legend");
    Run mermaid = run("graph", "billing", "--format", "mermaid", "--db", db, "--instance", id);
    assertThat(mermaid.out()).contains("  class t0 completed\n", "  class c1 marked\n");
  }

  @Test
  void aFailedInstanceShowsTheFailedTaskAndTheTaskThatNeverRan() {
    String db = sharedMemoryDb();
    String id = billingInstance("--db", db, "--failure-rate", "0.5");

    Run r = run("graph", "billing", "--db", db, "--instance", id);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("label=\"{generateInvoices\\nfailed}\", fillcolor=\"#ef9a9a\"")
        .contains("label=\"{sendSummary\\ndisabled}\"")
        // no condition holds a token: the failure consumed the start's and produced none
        .doesNotContain("fillcolor=\"#ffcc80\"");
  }

  @Test
  void withoutDbTheInstanceIsReadFromTheDemosFileWhichIsKept() {
    String id = billingInstance();

    Run r = run("graph", "billing", "--instance", id);
    Run again = run("graph", "billing", "--instance", id);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("{sendSummary\\ncompleted}");
    assertThat(again.out()).isEqualTo(r.out());
  }

  @Test
  void unknownWorkflowExitsWithTwoAndListsTheKnownOnes() {
    Run r = run("graph", "payroll");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown workflow 'payroll'", "known workflows: billing, campaign");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void invalidArgumentsExitWithTwo() {
    assertThat(run("graph").exitCode()).isEqualTo(2);
    Run format = run("graph", "billing", "--format", "png");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("--format must be dot or mermaid");
    Run dbAlone = run("graph", "billing", "--db", sharedMemoryDb());
    assertThat(dbAlone.exitCode()).isEqualTo(2);
    assertThat(dbAlone.err()).contains("--db needs --instance");
    assertThat(run("graph", "billing", "--instance", "not-a-uuid").exitCode()).isEqualTo(2);
    assertThat(run("graph", "billing", "--db", "mysql://x", "--instance", id()).exitCode())
        .isEqualTo(2);
  }

  @Test
  void anInstanceThatIsNotThereOrOfAnotherWorkflowExitsWithOne() {
    String db = sharedMemoryDb();
    String id = billingInstance("--db", db);

    Run missing = run("graph", "billing", "--db", db, "--instance", id());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: there is no workflow instance");
    assertThat(missing.out()).isEmpty();

    Run other = run("graph", "campaign", "--db", db, "--instance", id);
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.err()).contains("is a workflow 'billing', not 'emailCampaign' (campaign)");

    Run noDemoFile = run("graph", "campaign", "--instance", id);
    assertThat(noDemoFile.exitCode()).isEqualTo(1);
    assertThat(noDemoFile.err()).contains("run 'tasquencer demo campaign' first");
  }

  @Test
  void helpListsTheCommand() {
    assertThat(run("--help").out()).contains("graph");
    Run help = run("graph", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--format=FORMAT", "--instance=UUID", "dot -Tsvg");
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
