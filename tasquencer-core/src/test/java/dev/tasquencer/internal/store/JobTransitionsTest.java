package dev.tasquencer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasquencer.api.JobOwnerKind;
import dev.tasquencer.api.JobState;
import dev.tasquencer.api.error.InvalidStateTransitionException;
import dev.tasquencer.internal.lifecycle.JobEvent;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The job table as SQL: the statements that move jobs take the states an event may happen in and
 * the state it leads to from {@code Lifecycles.JOB}, and a job registered in a call moves through
 * the same table.
 */
class JobTransitionsTest {

  @Test
  void statementsTakeTheirStatesFromTheTable() {
    assertThat(JobTransitions.from(JobEvent.CLAIM)).isEqualTo("state = 'pending'");
    assertThat(JobTransitions.to(JobEvent.CLAIM)).isEqualTo("'running'");
    assertThat(JobTransitions.from(JobEvent.RETRY)).isEqualTo("state = 'running'");
    assertThat(JobTransitions.to(JobEvent.DIE)).isEqualTo("'dead'");
    assertThat(JobTransitions.from(JobEvent.REQUEUE)).isEqualTo("state in ('dead', 'canceled')");
    assertThat(JobCancellation.SQL).endsWith("and state = 'pending'").contains("'canceled'");
    assertThatThrownBy(() -> JobTransitions.from(JobEvent.REGISTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REGISTER creates jobs");
  }

  @Test
  void aJobRegisteredAndCanceledInOneCallIsWrittenCanceledOnce() {
    Session session = new Session(null, new H2Dialect());
    JobRow job =
        new JobRow(
            session,
            UUID.randomUUID(),
            UUID.randomUUID(),
            JobOwnerKind.WORKFLOW,
            UUID.randomUUID(),
            null,
            null,
            "h",
            "{}",
            Instant.EPOCH,
            3,
            null,
            Instant.EPOCH,
            null);
    assertThat(job.state()).isEqualTo(JobState.PENDING);
    job.cancel();
    assertThat(job.state()).isEqualTo(JobState.CANCELED);
    job.cancel(); // the owner's later cancellation finds it canceled already
    assertThat(job.state()).isEqualTo(JobState.CANCELED);
  }

  @Test
  void aWrongJobTransitionIsRefusedWithTheTypedError() {
    assertThatThrownBy(() -> JobTransitions.apply("7", JobState.DONE, JobEvent.CLAIM))
        .isExactlyInstanceOf(InvalidStateTransitionException.class)
        .hasMessage("job 7 cannot claim: it is done, and claim is allowed only from [pending]");
  }
}
