package dev.tasquencer.jobs;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What runs a job: a payload type and a function, either inside one engine transaction ({@link
 * #inTransaction}) or outside any transaction for I/O ({@link #external}).
 */
public sealed interface JobHandler<P> {

  Class<P> payloadType();

  /** Runs inside the job's transaction (exactly-once with the job's completion). */
  record Transactional<P>(Class<P> payloadType, TransactionalBody<P> body)
      implements JobHandler<P> {
    public Transactional {
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(body, "body");
    }
  }

  /** Runs outside any transaction and reports back through engine commands. */
  record External<P>(Class<P> payloadType, ExternalBody<P> body) implements JobHandler<P> {
    public External {
      Objects.requireNonNull(payloadType, "payloadType");
      Objects.requireNonNull(body, "body");
    }
  }

  @FunctionalInterface
  interface TransactionalBody<P> {
    void run(TransactionalJobContext ctx, @Nullable P payload) throws Exception;
  }

  @FunctionalInterface
  interface ExternalBody<P> {
    void run(ExternalJobContext ctx, @Nullable P payload) throws Exception;
  }

  static <P> JobHandler<P> inTransaction(Class<P> payloadType, TransactionalBody<P> body) {
    return new Transactional<>(payloadType, body);
  }

  static <P> JobHandler<P> external(Class<P> payloadType, ExternalBody<P> body) {
    return new External<>(payloadType, body);
  }
}
