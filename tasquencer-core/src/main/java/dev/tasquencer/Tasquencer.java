package dev.tasquencer;

import dev.tasquencer.api.Actor;
import dev.tasquencer.api.ExternalCommands;
import dev.tasquencer.api.PurgeResult;
import dev.tasquencer.api.WorkflowCommands;
import dev.tasquencer.api.WorkflowQueries;
import dev.tasquencer.api.deadline.Outbox;
import dev.tasquencer.api.identity.Identity;
import dev.tasquencer.api.incident.Incidents;
import dev.tasquencer.api.queue.WorkQueues;
import dev.tasquencer.builder.WorkflowDefinition;
import dev.tasquencer.jobs.JobWorker;
import java.time.Instant;
import java.util.List;

/**
 * A Tasquencer engine: the workflow definitions it runs, on one database.
 *
 * <pre>{@code
 * Tasquencer engine = Tasquencer.builder()
 *     .dataSource(dataSource)
 *     .register(billing)
 *     .build();
 * UUID id = engine.initializeRootWorkflow("billing", new BillingRequest("2026-11"));
 * }</pre>
 *
 * <p>The commands on this interface are external calls; {@link #internal()} gives the same commands
 * as internal calls, and {@link #idempotent(String)} the same external calls made with an
 * idempotency key. Engines are stateless between calls: any number of them, in any number of
 * processes, may share one database.
 */
public interface Tasquencer extends ExternalCommands, AutoCloseable {

  static TasquencerBuilder builder() {
    return new TasquencerBuilder();
  }

  /** The same commands, as internal calls (allowed to use default actions). */
  WorkflowCommands internal();

  /**
   * The same external commands, made on behalf of {@code actor}: history records the actor with
   * every event the calls cause, and their actions and activities read it as {@code ctx.actor()}.
   *
   * <pre>{@code
   * engine.as(Actor.user("alice")).completeWorkItem(id, new Decision(true));
   * engine.as(Actor.user("alice")).idempotent(requestId).completeWorkItem(id, decision);
   * }</pre>
   */
  ExternalCommands as(Actor actor);

  /** Read-only queries on instance state. */
  WorkflowQueries queries();

  /**
   * Identity and permissions: the scopes declared in code, the roles and groups stored in the
   * engine's database, memberships, role assignments and effective scopes. Each administration call
   * is a transaction of its own. See {@code docs/identity.md}.
   */
  Identity identity();

  /**
   * The outbox of notifying deadlines: the messages they wrote, to deliver and mark delivered. Each
   * call is a transaction of its own. See {@code docs/deadlines.md}.
   */
  Outbox outbox();

  /**
   * Incidents: jobs that exhausted their attempts, on their owners; list them, retry their jobs or
   * resolve them by completing, failing or canceling the owner. {@code incidents().as(actor)} makes
   * the operator calls on behalf of an actor. See {@code docs/incidents.md}.
   */
  Incidents incidents();

  /**
   * Work queues: the offered work items an actor may claim and the items it has claimed, page by
   * page, and their counts. Each call is a read-only transaction of its own. See {@code
   * docs/work-queues.md}.
   */
  WorkQueues queues();

  /**
   * A builder of a {@link JobWorker} that runs the jobs of this engine's database, with this
   * engine's handlers of built-in jobs, clock and commands.
   */
  JobWorker.Builder jobWorker();

  /**
   * Deletes the root workflows that completed, failed or were canceled before {@code
   * finishedBefore}, each with its whole tree: child workflows at any depth, tasks with their
   * archived generations, conditions, work items, jobs and history. It runs in batches of at most
   * {@code batchSize} roots, each batch its own transaction, until no such root is left, and logs
   * each batch (logger {@code dev.tasquencer.purge}). A tree whose root is not final is never
   * touched, even when some of its children are; a root another call holds at that moment is
   * skipped, never waited for ({@link PurgeResult#moreRemain()} then says so). Rows of your own
   * tables are yours to delete.
   *
   * @throws dev.tasquencer.api.error.InvalidArgumentException when {@code finishedBefore} is null
   *     or {@code batchSize} is less than 1
   */
  PurgeResult purge(Instant finishedBefore, int batchSize);

  /** The registered definitions. */
  List<WorkflowDefinition> definitions();

  /** Releases what the engine owns (a data source it created itself). */
  @Override
  void close();
}
