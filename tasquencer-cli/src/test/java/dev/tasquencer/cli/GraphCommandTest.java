package dev.tasquencer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tasquencer.cli.ownnets.OrderNets;
import dev.tasquencer.cli.ownnets.SingleNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertThat(r.err())
        .contains("unknown workflow 'payroll'", "known workflows: billing, campaign, er, er/")
        .contains("graph --list");
    assertThat(r.out()).isEmpty();
    Run child = run("graph", "er/diagnostics");
    assertThat(child.exitCode()).isEqualTo(2);
    assertThat(child.err()).contains("er/diagnostics/diagnostics");
  }

  @Test
  void theErNetAndEachOfItsChildNetsAreDrawn() {
    Run er = run("graph", "er");
    assertThat(er.exitCode()).as(er.err()).isZero();
    assertThat(er.out())
        .startsWith("digraph \"erPatientJourney\" {\n")
        .contains("\"diagnostics\" [shape=record", "\"consultations\" [shape=record");

    assertThat(run("graph", "er/diagnostics/diagnostics").out())
        .startsWith("digraph \"diagnostics\" {\n");
    assertThat(run("graph", "er/hospitalStay/hospitalStay").out())
        .startsWith("digraph \"hospitalStay\" {\n");
    for (String consult :
        new String[] {"cardiologyConsult", "neurologyConsult", "orthopedicConsult"}) {
      Run r = run("graph", "er/consultations/" + consult, "--format", "mermaid");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("  %% workflow " + consult + " v1\n");
    }
  }

  /** Every name the list prints draws the net the list says, under that net's own name. */
  @Test
  void everyListedNameDrawsTheNetTheListNames() {
    Run list = run("graph", "--list");
    assertThat(list.exitCode()).as(list.err()).isZero();

    Map<String, String> nets = listed(list.out());
    assertThat(nets)
        .containsEntry("billing", "billing")
        .containsEntry("campaign", "emailCampaign")
        .containsEntry("er", "erPatientJourney")
        .containsEntry("er/diagnostics/diagnostics", "diagnostics")
        .containsEntry("er/consultations/cardiologyConsult", "cardiologyConsult")
        .containsEntry("er/hospitalStay/hospitalStay", "hospitalStay")
        .containsEntry("approvals", "expense")
        .hasSize(9);
    nets.forEach(
        (name, net) ->
            assertThat(run("graph", name).out())
                .as(name)
                .startsWith("digraph \"" + net + "\" {\n"));
  }

  /** A net's own name (its path, for a child) works wherever the short name does. */
  @Test
  void aNetsOwnNameDrawsTheSameNetAsItsDemosName() {
    assertThat(run("graph", "emailCampaign").out()).isEqualTo(run("graph", "campaign").out());
    assertThat(run("graph", "erPatientJourney").out()).isEqualTo(run("graph", "er").out());
    assertThat(run("graph", "erPatientJourney/diagnostics/diagnostics").out())
        .isEqualTo(run("graph", "er/diagnostics/diagnostics").out());
  }

  /** The help names each example workflow and, where the names differ, the net it draws. */
  @Test
  void helpSaysWhichNetEachNameDraws() {
    String help = run("graph", "--help").out().replaceAll("\\s+", " ");

    listed(run("graph", "--list").out())
        .forEach(
            (name, net) -> {
              if (!name.contains("/")) {
                assertThat(help)
                    .contains(name.equals(net) ? name : name + " (the net " + net + ")");
              }
            });
    assertThat(help).contains("er/diagnostics/diagnostics", "--list", "--class", "--classpath");
  }

  @Test
  void aChildInstanceOfTheErIsColouredOnItsOwnNet() throws Exception {
    String db = sharedMemoryDb();
    Run demo = run("demo", "er", "--patients", "3", "--seed", "5", "--json", "--db", db);
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    String child =
        firstRow(
                db, "select id from tq_workflow where name = 'diagnostics' and state = 'completed'")
            .get(0);

    Run r = run("graph", "er/diagnostics/diagnostics", "--db", db, "--instance", child);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("digraph \"diagnostics\" {\n").contains("completed}");

    Run root = run("graph", "er", "--db", db, "--instance", child);
    assertThat(root.exitCode()).isEqualTo(1);
    assertThat(root.err())
        .contains("is a workflow 'diagnostics'", "graph er/diagnostics/diagnostics");
  }

  @Test
  void classDrawsTheNetOfAStaticFactoryAndItsChildren() {
    String factory = OrderNets.class.getName() + "#order";

    Run r = run("graph", "--class", factory);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("digraph \"order\" {\n").contains("\"ship\" [shape=record");

    assertThat(run("graph", "--class", factory, "order/ship/shipping").out())
        .startsWith("digraph \"shipping\" {\n");
    assertThat(listed(run("graph", "--class", factory, "--list").out()))
        .containsExactly(entry("order", "order"), entry("order/ship/shipping", "shipping"));
    // a class with a single factory needs no method name
    assertThat(run("graph", "--class", SingleNet.class.getName(), "--format", "mermaid").out())
        .contains("  %% workflow single v1\n");
  }

  @Test
  void classThatCannotBeUsedSaysWhatIsWrongAndHowToFixIt() {
    String nets = OrderNets.class.getName();

    assertFails(2, "class 'com.example.Nope' is not on the class path", "com.example.Nope");
    assertThat(run("graph", "--class", "com.example.Nope").err()).contains("--classpath");
    assertFails(
        2,
        "has no method 'ship'; its methods that return a WorkflowDefinition: broken,"
            + " nothing, order, refund",
        nets + "#ship");
    assertFails(
        2,
        "has several methods that return a WorkflowDefinition (broken, nothing, order,"
            + " refund): choose one with --class "
            + nets
            + "#",
        nets);
    assertFails(2, "no public static method without parameters", String.class.getName());
    assertFails(2, nets + "#notStatic() is not static", nets + "#notStatic");
    assertFails(
        2,
        "returns java.lang.String, not a dev.tasquencer.builder.WorkflowDefinition",
        nets + "#wrongType");
    assertFails(2, nets + "#withRegion takes parameters (java.lang.String)", nets + "#withRegion");
    assertFails(2, nets + "#hidden() is not public", nets + "#hidden");
    assertFails(1, nets + "#nothing() returned null", nets + "#nothing");
    assertFails(1, nets + "#broken() failed:", nets + "#broken");
    assertThat(run("graph", "--class", nets + "#broken").err()).contains("ghost");
    assertFails(2, "--class must be FQCN or FQCN#METHOD", nets + "#");
    assertFails(
        2,
        "unknown workflow 'billing'; known workflows: order, order/ship/shipping",
        nets + "#order",
        "billing");
    assertFails(2, "--instance with --class needs --db", nets + "#order", "--instance", id());
  }

  /** Runs graph --class with {@code args} and checks that it failed with that code and message. */
  private static void assertFails(int exitCode, String message, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "graph";
    all[1] = "--class";
    System.arraycopy(args, 0, all, 2, args.length);
    Run r = run(all);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(exitCode);
    assertThat(r.err()).startsWith("error: ").contains(message);
    assertThat(r.out()).isEmpty();
  }

  /** Classes that are not on the JVM's class path come from --classpath (directories, jars). */
  @Test
  void classpathAddsTheUsersOwnCompiledClasses(@TempDir Path classes) throws IOException {
    Path source = classes.resolve("src/com/acme/Flows.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        """
        package com.acme;

        import dev.tasquencer.builder.WorkflowDefinition;
        import dev.tasquencer.cli.ownnets.OrderNets;

        public class Flows {
          public static WorkflowDefinition approval() {
            return OrderNets.oneTask("approval", "approve").build();
          }
        }
        """);
    Path out = classes.resolve("out");
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                out.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                source.toString());
    assertThat(compiled).isZero();

    Run r = run("graph", "--classpath", out.toString(), "--class", "com.acme.Flows#approval");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("digraph \"approval\" {\n");

    assertThat(run("graph", "--class", "com.acme.Flows#approval").exitCode()).isEqualTo(2);
    Run missingEntry =
        run(
            "graph",
            "--classpath",
            classes.resolve("nope").toString(),
            "--class",
            "com.acme.Flows");
    assertThat(missingEntry.exitCode()).isEqualTo(2);
    assertThat(missingEntry.err()).contains("--classpath: no such file or directory");
  }

  /** The names and nets of {@code graph --list}: two columns, name first. */
  private static Map<String, String> listed(String list) {
    Map<String, String> nets = new LinkedHashMap<>();
    list.lines()
        .skip(1) // the header
        .forEach(
            line -> {
              String[] cols = line.trim().split("\\s+");
              assertThat(cols).as(line).hasSize(2);
              nets.put(cols[0], cols[1]);
            });
    return nets;
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
