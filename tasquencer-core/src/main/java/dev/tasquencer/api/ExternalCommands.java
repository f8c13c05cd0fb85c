package dev.tasquencer.api;

/**
 * The commands of an outside caller ({@code engine} itself, {@code engine.as(actor)}), which may
 * also be made with an idempotency key.
 */
public interface ExternalCommands extends WorkflowCommands {

  /**
   * The same commands, each made with the idempotency key {@code key} (docs/idempotency.md): a
   * request id of the caller's, such as a webhook's delivery id or a message id. The first call
   * made with a key stores its outcome (its result, or the typed error it raised) with the key, in
   * its own transaction; a repeat of that call (the same command, arguments and actor) with the key
   * gets the stored outcome back (the same result, or an equal error thrown again) without running
   * anything: no history, no activity, no job. A key stands for one request: calling another
   * command, or the same one with other arguments, with it raises {@link
   * dev.tasquencer.api.error.IdempotencyKeyReusedException}, until the key expires ({@code
   * TasquencerBuilder.idempotencyKeysExpireAfter}, 24 hours by default).
   *
   * <p>Nothing is stored when the call fails otherwise (an exception of user code, a database
   * failure, a conflict it gave up on): a retry with the same key then runs the call. Concurrent
   * calls with one key wait for the first one, then get its outcome.
   *
   * <pre>{@code
   * UUID id = engine.as(Actor.system("shop")).idempotent(orderEventId)
   *     .initializeRootWorkflow("order", order);
   * }</pre>
   *
   * @param key 1 to 200 characters, not blank
   * @throws dev.tasquencer.api.error.InvalidArgumentException when the key is null, blank or too
   *     long
   */
  WorkflowCommands idempotent(String key);
}
