package dev.tasquencer.patterns;

import dev.tasquencer.Tasquencer;
import dev.tasquencer.api.context.RouterContext;
import dev.tasquencer.builder.Builder;
import dev.tasquencer.builder.DummyTaskBuilder;
import dev.tasquencer.testing.Driver;

/** Small helpers shared by the workflow pattern tests. */
final class Patterns {
  private Patterns() {}

  /** Creates a root workflow with a payload (internal call) and drives it. */
  static Driver start(Tasquencer engine, String workflow, Object payload) {
    return new Driver(engine, engine.internal().initializeRootWorkflow(workflow, payload));
  }

  /** A routing-only task. */
  static DummyTaskBuilder dummy() {
    return Builder.dummyTask();
  }

  /**
   * The counting idiom used by the discriminator, partial-join and thread patterns: a task that
   * fires once per arriving token numbers its firings by its generation. This is the position
   * (1..{@code period}) of the current firing within its round of {@code period} firings.
   */
  static int positionInRound(RouterContext ctx, int period) {
    return (ctx.task().generation() - 1) % period + 1;
  }
}
