package dev.tasquencer.cli;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.WorkflowSnapshot;
import dev.tasquencer.builder.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Engines that read the instances of a database an engine ran on ({@code history}, {@code state}):
 * the database must exist and hold the engine's tables; nothing is migrated and no domain table is
 * touched. An engine that registers a definition records it as at every start (a no-op when the
 * instance ran on this database).
 */
final class InstanceReader implements AutoCloseable {
  private final DemoDatabase database;
  private final List<Tasquencer> engines = new ArrayList<>();
  private final Tasquencer plain;

  private InstanceReader(DemoDatabase database) {
    this.database = database;
    this.plain = engine();
  }

  /** Opens the database given with {@code --db} and checks that it holds the engine's tables. */
  static InstanceReader open(String url) {
    DemoDatabase database = DemoDatabase.inspect(url);
    try {
      return new InstanceReader(database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** An engine without definitions: enough for history and the rows of workflows. */
  Tasquencer plain() {
    return plain;
  }

  /** An engine that knows {@code roots} (and their children), to load instances of them. */
  Tasquencer engine(WorkflowDefinition... roots) {
    Tasquencer engine =
        Tasquencer.builder()
            .dataSource(database.dataSource())
            .register(roots)
            .identity(GraphNets::declareScopes)
            .migrate(false)
            // reads only: roots of versions it does not register may be running
            .allowUnregisteredRunningVersions()
            .build();
    engines.add(engine);
    return engine;
  }

  /** The workflow's row. */
  WorkflowSnapshot workflow(UUID id) {
    return plain
        .queries()
        .findWorkflow(id)
        .orElseThrow(
            () ->
                new CliException(
                    "there is no workflow instance "
                        + id
                        + " in "
                        + database.description()
                        + " (was it purged, or did it run on another database?)"));
  }

  String description() {
    return database.description();
  }

  @Override
  public void close() {
    try {
      for (Tasquencer e : engines) {
        e.close();
      }
    } finally {
      database.close();
    }
  }
}
