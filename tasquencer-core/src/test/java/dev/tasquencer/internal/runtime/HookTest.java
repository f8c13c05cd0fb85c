package dev.tasquencer.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasquencer.internal.lifecycle.WorkItemEvent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each hook may do, as docs/jobs.md and docs/guide.md state it: jobs are registered in the
 * activities that begin something (onInitialized, onEnabled, onStarted), in a workflow's onIncident
 * (jobs owned by that workflow: a reminder, a retry later) and in the task activities that hear of
 * a child; children are created by task activities of a live generation; a work item requests its
 * start in onInitialized and its end in onStarted (and in the onMessage of its message wait).
 * Ending activities, policies, routers and actions' handles may do none of it.
 */
class HookTest {

  @Test
  void onlyBeginningAndChildActivitiesRegisterJobs() {
    assertThat(EnumSet.allOf(Hook.class).stream().filter(Hook::mayRegisterJobs))
        .containsExactlyInAnyOrder(
            Hook.ON_INITIALIZED,
            Hook.ON_ENABLED,
            Hook.ON_STARTED,
            Hook.ON_MESSAGE,
            Hook.ON_INCIDENT,
            Hook.ON_WORK_ITEM_STATE_CHANGED,
            Hook.ON_WORKFLOW_STATE_CHANGED);
  }

  @Test
  void onlyTaskActivitiesOfALiveGenerationCreateChildren() {
    assertThat(EnumSet.allOf(Hook.class).stream().filter(Hook::mayCreateChildren))
        .containsExactlyInAnyOrder(
            Hook.ON_ENABLED,
            Hook.ON_STARTED,
            Hook.ON_WORK_ITEM_STATE_CHANGED,
            Hook.ON_WORKFLOW_STATE_CHANGED);
  }

  @Test
  void aWorkItemRequestsItsStartWhenInitializedAndItsEndWhenStarted() {
    for (Hook h : Hook.values()) {
      List<WorkItemEvent> requests =
          Arrays.stream(WorkItemEvent.values()).filter(h::mayRequest).toList();
      if (h == Hook.ON_INITIALIZED) {
        assertThat(requests).containsExactly(WorkItemEvent.START);
      } else if (h == Hook.ON_STARTED || h == Hook.ON_MESSAGE) {
        assertThat(requests)
            .containsExactly(WorkItemEvent.COMPLETE, WorkItemEvent.FAIL, WorkItemEvent.CANCEL);
      } else {
        assertThat(requests).as("requests of %s", h).isEmpty();
      }
    }
  }

  @Test
  void hooksPrintAsTheirNamesInTheDsl() {
    assertThat(Hook.ON_WORK_ITEM_STATE_CHANGED).hasToString("onWorkItemStateChanged");
    assertThat(Hook.POLICY).hasToString("a policy");
    assertThat(Hook.ON_RESET).hasToString("onReset");
  }
}
