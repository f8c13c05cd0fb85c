package dev.tasquencer.cli;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.InstanceView;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.builder.WorkflowDefinition;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tasquencer graph <workflow>}: the net of an example workflow, or of a definition of one's
 * own ({@code --class}), as Graphviz or Mermaid text, optionally coloured with the state of one
 * instance read from a database.
 */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints a workflow net as a Graphviz digraph or a Mermaid flowchart, for example:"
          + " tasquencer graph billing | dot -Tsvg > billing.svg",
      "WORKFLOW names a net of the examples: billing; campaign (the net emailCampaign); er (the"
          + " net erPatientJourney); approvals (the net expense). A net's own name works too"
          + " (emailCampaign). A child workflow"
          + " is named by its path below the root: the composite task, then the child, separated"
          + " by '/', for example er/diagnostics/diagnostics, er/consultations/cardiologyConsult,"
          + " er/hospitalStay/hospitalStay. --list prints every name with the net it draws.",
      "--class draws a definition of your own: a public static method without parameters that"
          + " returns a WorkflowDefinition (without #METHOD the class must have exactly one). Its"
          + " classes come from --classpath, or from the JVM's class path (java -cp"
          + " tasquencer-cli.jar:your.jar dev.tasquencer.cli.Main graph --class ...). WORKFLOW"
          + " then names one of its child nets (ROOT/TASK/CHILD).",
      "With --instance it colours the net with that instance's state: tokens in the conditions,"
          + " tasks by state. The instance is read from --db, or without it from the demo's"
          + " database file (./data/tasquencer-demo-<demo>.mv.db, left as it is)."
    })
final class GraphCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "WORKFLOW",
      description =
          "The net: billing, campaign, er, or a child's path such as er/diagnostics/diagnostics;"
              + " with --class, the root's name or a child's path (default: the root).")
  @Nullable String workflow;

  @Option(
      names = "--format",
      defaultValue = "dot",
      paramLabel = "FORMAT",
      description = "dot (Graphviz) or mermaid (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--list",
      description = "Print every name WORKFLOW can take and the net it draws, then exit.")
  boolean list;

  @Option(
      names = "--class",
      paramLabel = "FQCN[#METHOD]",
      description =
          "Draw the definition returned by this public static method without parameters, e.g."
              + " com.acme.Flows#order.")
  @Nullable String factory;

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      description =
          "Directories and jars holding the --class and the libraries it uses, separated by ':'"
              + " (';' on Windows).")
  @Nullable String classpath;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database holding the instance given with --instance (H2 or PostgreSQL).")
  @Nullable String db;

  @Option(
      names = "--instance",
      paramLabel = "UUID",
      description = "Id of a workflow instance whose state colours the net.")
  @Nullable UUID instance;

  @Override
  public Integer call() throws IOException {
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals("dot") && !f.equals("mermaid")) {
      throw new ParameterException(
          spec.commandLine(), "--format must be dot or mermaid, was '" + format + "'");
    }
    if (db != null && instance == null) {
      throw new ParameterException(
          spec.commandLine(), "--db needs --instance (the id of the workflow to colour)");
    }
    if (list && instance != null) {
      throw new ParameterException(spec.commandLine(), "--list takes no --instance");
    }
    if (classpath != null && factory == null) {
      throw new ParameterException(spec.commandLine(), "--classpath needs --class");
    }
    if (factory != null && instance != null && db == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--instance with --class needs --db (the database the instance ran on)");
    }
    if (factory == null && workflow == null && !list) {
      throw new ParameterException(
          spec.commandLine(),
          "missing WORKFLOW (one of: " + GraphNets.examples().names() + "), or --class");
    }
    DemoDatabase.checkUrl(spec, db);
    NetFactory own = factory == null ? null : NetFactory.parse(spec.commandLine(), factory);
    try (URLClassLoader loader = classLoader(spec.commandLine(), classpath)) {
      GraphNets nets =
          own == null
              ? GraphNets.examples()
              : GraphNets.of(own.call(loader == null ? getClass().getClassLoader() : loader));
      PrintWriter out = spec.commandLine().getOut();
      if (list) {
        out.print(nets.table());
        out.flush();
        return 0;
      }
      String name = workflow != null ? workflow : nets.all().get(0).name();
      GraphNets.Net net =
          nets.find(name)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(),
                          "unknown workflow '"
                              + name
                              + "'; known workflows: "
                              + nets.names()
                              + " (graph --list"
                              + (own == null ? "" : " --class " + factory)
                              + " shows the net each one draws)"));
      WorkflowDefinition definition = net.definition();
      InstanceView view = instance == null ? null : view(nets, net);
      String text;
      if (f.equals("dot")) {
        text = view == null ? definition.toDot() : definition.toDot(view);
      } else {
        text = view == null ? definition.toMermaid() : definition.toMermaid(view);
      }
      out.print(text);
      out.flush();
      return 0;
    }
  }

  /** A loader for --classpath (null without it: the command line's own class path). */
  static @Nullable URLClassLoader classLoader(CommandLine commandLine, @Nullable String classpath) {
    if (classpath == null) {
      return null;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      if (!Files.exists(p)) {
        throw new ParameterException(
            commandLine,
            "--classpath: no such file or directory: "
                + p.toAbsolutePath().normalize()
                + " (give directories of compiled classes and jars, separated by '"
                + File.pathSeparator
                + "')");
      }
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), GraphCommand.class.getClassLoader());
  }

  /**
   * Reads the instance's state. No migration runs and no domain table is touched; the engine
   * records the root definition as at every start (a no-op when the instance ran on this database).
   */
  private InstanceView view(GraphNets nets, GraphNets.Net net) {
    WorkflowDefinition root = net.root().definition();
    try (DemoDatabase database = DemoDatabase.existing(db, net.root().demo());
        Tasquencer engine =
            Tasquencer.builder()
                .dataSource(database.dataSource())
                .register(root)
                .identity(GraphNets::declareScopes)
                .migrate(false)
                // reads only: roots of versions it does not register may be running
                .allowUnregisteredRunningVersions()
                .build()) {
      WorkflowQueries queries = engine.queries();
      WorkflowSnapshot wf =
          queries
              .findWorkflow(Objects.requireNonNull(instance))
              .orElseThrow(
                  () ->
                      new CliException(
                          "there is no workflow instance "
                              + instance
                              + " in "
                              + database.description()));
      if (!wf.name().equals(net.definition().name())
          || !wf.definitionName().equals(root.name())
          || !String.valueOf(wf.parentTaskName()).equals(String.valueOf(net.parentTask()))) {
        String path = netPath(queries, wf);
        throw new CliException(
            "instance "
                + instance
                + " is a workflow '"
                + wf.name()
                + "', not '"
                + net.definition().name()
                + "' ("
                + net.name()
                + ")"
                + nets.find(path)
                    .map(
                        other ->
                            "; draw it with: tasquencer graph "
                                + other.name()
                                + (factory == null ? "" : " --class " + factory))
                    .orElse(""));
      }
      return queries.view(Objects.requireNonNull(instance));
    }
  }

  /** The instance's net name path: its root's name, then task and workflow name at each level. */
  static String netPath(WorkflowQueries queries, WorkflowSnapshot wf) {
    StringBuilder path = new StringBuilder();
    WorkflowSnapshot w = wf;
    while (w.parentWorkflowId() != null) {
      path.insert(0, "/" + w.parentTaskName() + "/" + w.name());
      w = queries.workflow(w.parentWorkflowId());
    }
    return w.name() + path;
  }
}
