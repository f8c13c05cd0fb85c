package dev.tasquencer.builder;

import static dev.tasquencer.testing.Nets.autoInit;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The warnings of a definition include those of every child workflow below it, each prefixed with
 * the path of the child definition it concerns. No database involved.
 */
class ChildWorkflowWarningsTest {

  /** start -> J -> end, J an OR-join with no OR-split upstream (one warning). */
  static WorkflowBuilder orJoinWithoutOrSplit(String name) {
    return Builder.workflow(name)
        .startCondition("start")
        .task("J", autoInit().withJoinType(JoinType.OR))
        .endCondition("end")
        .connectCondition("start", to -> to.task("J"))
        .connectTask("J", to -> to.condition("end"));
  }

  /** start -> T -> end, T a composite task of the given child. */
  static WorkflowBuilder around(String name, CompositeTaskBuilder t) {
    return Builder.workflow(name)
        .startCondition("start")
        .compositeTask("T", t)
        .endCondition("end")
        .connectCondition("start", to -> to.task("T"))
        .connectTask("T", to -> to.condition("end"));
  }

  @Test
  void rootWarningsListTheWarningOfAChildNamingItsPath() {
    var root = around("root", Builder.compositeTask(orJoinWithoutOrSplit("child"))).build();

    assertThat(root.warnings())
        .singleElement()
        .asString()
        .startsWith("in child workflow root/T/child: ")
        .contains("task 'J' has an OR-join but no OR-split lies upstream of it");
  }

  @Test
  void warningsOfEveryLevelAndEveryDynamicChildTypeAreListed() {
    var middle =
        Builder.workflow("middle")
            .startCondition("start")
            .compositeTask("T", Builder.compositeTask(orJoinWithoutOrSplit("grandchild")))
            .task("J2", autoInit().withJoinType(JoinType.OR))
            .endCondition("end")
            .connectCondition("start", to -> to.task("T"))
            .connectTask("T", to -> to.task("J2"))
            .connectTask("J2", to -> to.condition("end"));
    var root =
        around(
                "root",
                Builder.dynamicCompositeTask(
                    middle, orJoinWithoutOrSplit("other"), orJoinWithoutOrSplit("third")))
            .build();

    assertThat(root.warnings())
        .hasSize(4)
        .anyMatch(w -> w.startsWith("in child workflow root/T/middle: task 'J2'"))
        .anyMatch(w -> w.startsWith("in child workflow root/T/middle/T/grandchild: task 'J'"))
        .anyMatch(w -> w.startsWith("in child workflow root/T/other: task 'J'"))
        .anyMatch(w -> w.startsWith("in child workflow root/T/third: task 'J'"));
  }

  @Test
  void aRootWithoutFindingsAnywhereHasNoWarnings() {
    var quietChild =
        Builder.workflow("child")
            .startCondition("start")
            .task("A", autoInit())
            .endCondition("end")
            .connectCondition("start", to -> to.task("A"))
            .connectTask("A", to -> to.condition("end"));
    assertThat(around("root", Builder.compositeTask(quietChild)).build().warnings()).isEmpty();
  }
}
