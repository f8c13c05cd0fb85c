package dev.tasquencer.cli;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.InstanceView;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.examples.billing.BillingWorkflow;
import dev.tasquencer.examples.billing.InvoiceDomain;
import dev.tasquencer.examples.campaign.CampaignDomain;
import dev.tasquencer.examples.campaign.CampaignWorkflow;
import dev.tasquencer.examples.campaign.SimulatedMailer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tasquencer graph <workflow>}: the net of an example workflow as Graphviz or Mermaid text,
 * optionally coloured with the state of one instance read from a database.
 */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints the net of an example workflow (billing, campaign) as a Graphviz digraph or a"
          + " Mermaid flowchart, for example: tasquencer graph billing | dot -Tsvg > billing.svg",
      "With --instance it colours the net with that instance's state: tokens in the conditions,"
          + " tasks by state. The instance is read from --db, or without it from the demo's"
          + " database file (./data/tasquencer-demo-<workflow>.mv.db, left as it is)."
    })
final class GraphCommand implements Callable<Integer> {

  /** The workflows this command knows, by the name given on the command line. */
  static final Map<String, Supplier<WorkflowDefinition>> WORKFLOWS = workflows();

  private static Map<String, Supplier<WorkflowDefinition>> workflows() {
    Map<String, Supplier<WorkflowDefinition>> m = new LinkedHashMap<>();
    m.put("billing", () -> BillingWorkflow.definition(new InvoiceDomain()));
    m.put(
        "campaign",
        () -> CampaignWorkflow.definition(new CampaignDomain(new SimulatedMailer(0, 0))));
    return m;
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "WORKFLOW",
      description = "The example workflow: billing or campaign.")
  String workflow;

  @Option(
      names = "--format",
      defaultValue = "dot",
      paramLabel = "FORMAT",
      description = "dot (Graphviz) or mermaid (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database holding the instance given with --instance (H2 or PostgreSQL).")
  String db;

  @Option(
      names = "--instance",
      paramLabel = "UUID",
      description = "Id of a workflow instance whose state colours the net.")
  UUID instance;

  @Override
  public Integer call() {
    Supplier<WorkflowDefinition> known = WORKFLOWS.get(workflow);
    if (known == null) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown workflow '"
              + workflow
              + "'; known workflows: "
              + String.join(", ", WORKFLOWS.keySet()));
    }
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals("dot") && !f.equals("mermaid")) {
      throw new ParameterException(
          spec.commandLine(), "--format must be dot or mermaid, was '" + format + "'");
    }
    if (db != null && instance == null) {
      throw new ParameterException(
          spec.commandLine(), "--db needs --instance (the id of the workflow to colour)");
    }
    DemoDatabase.checkUrl(spec, db);
    WorkflowDefinition definition = known.get();
    InstanceView view = instance == null ? null : view(definition);
    String text;
    if (f.equals("dot")) {
      text = view == null ? definition.toDot() : definition.toDot(view);
    } else {
      text = view == null ? definition.toMermaid() : definition.toMermaid(view);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return 0;
  }

  /**
   * Reads the instance's state. No migration runs and no domain table is touched; the engine
   * records the definition as at every start (a no-op when the instance ran on this database).
   */
  private InstanceView view(WorkflowDefinition definition) {
    try (DemoDatabase database = DemoDatabase.existing(db, workflow);
        Tasquencer engine =
            Tasquencer.builder()
                .dataSource(database.dataSource())
                .register(definition)
                .migrate(false)
                .build()) {
      WorkflowSnapshot wf =
          engine
              .queries()
              .findWorkflow(instance)
              .orElseThrow(
                  () ->
                      new CliException(
                          "there is no workflow instance "
                              + instance
                              + " in "
                              + database.description()));
      if (!wf.name().equals(definition.name())) {
        throw new CliException(
            "instance "
                + instance
                + " is a workflow '"
                + wf.name()
                + "', not '"
                + definition.name()
                + "' ("
                + workflow
                + ")");
      }
      return engine.queries().view(instance);
    }
  }
}
